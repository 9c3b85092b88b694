package dev.shimexec.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md and catalogue.json say what {@link Clause} says. Run with {@code -Dspec.write=true} to
 * rewrite the generated parts after changing the catalogue.
 */
class SpecDocumentTests {

    private static final Path SPEC = Path.of("SPEC.md");
    private static final Path CATALOGUE = Path.of("catalogue.json");
    private static final boolean WRITE = Boolean.getBoolean("spec.write");

    @Test
    void specMarkdownCarriesTheCatalogueAsGenerated() throws IOException {
        String document = Files.readString(SPEC, StandardCharsets.UTF_8);
        int begin = document.indexOf(SpecDocument.BEGIN);
        int end = document.indexOf(SpecDocument.END);
        assertTrue(begin >= 0 && end > begin, "SPEC.md must hold the generated part between its two markers");
        String generated = document.substring(begin, end + SpecDocument.END.length() + 1);

        if (WRITE) {
            Files.writeString(SPEC, document.substring(0, begin) + SpecDocument.markdown()
                    + document.substring(end + SpecDocument.END.length() + 1), StandardCharsets.UTF_8);
            return;
        }

        assertEquals(SpecDocument.markdown(), generated,
                "SPEC.md has drifted from the catalogue; rerun with -Dspec.write=true to regenerate it");
    }

    @Test
    void catalogueJsonIsTheCatalogueAsGenerated() throws IOException {
        if (WRITE) {
            Files.writeString(CATALOGUE, SpecDocument.json(), StandardCharsets.UTF_8);
            return;
        }

        String onDisk = Files.readString(CATALOGUE, StandardCharsets.UTF_8);

        assertEquals(SpecDocument.json(), onDisk,
                "catalogue.json has drifted from the catalogue; rerun with -Dspec.write=true to regenerate it");
    }

    @Test
    void everyClauseHasAnAnchorInTheDocument() throws IOException {
        String document = Files.readString(SPEC, StandardCharsets.UTF_8);

        for (Clause clause : Clause.values()) {
            assertTrue(document.contains("<a id=\"" + clause.anchor() + "\"></a>"),
                    () -> "SPEC.md has no anchor for " + clause.id());
        }
    }
}
