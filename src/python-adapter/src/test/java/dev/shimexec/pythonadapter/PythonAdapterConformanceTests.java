package dev.shimexec.pythonadapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged kit against the example Python adapter, exactly as an implementer would from a
 * shell, and reads the report it writes.
 */
class PythonAdapterConformanceTests {

    private static final long RUN_LIMIT_MINUTES = 5;

    private static final Path ROOT = Path.of(System.getProperty("shimexec.root", "../..")).toAbsolutePath()
            .normalize();
    private static final Path MODULE = ROOT.resolve("src/python-adapter");

    @Test
    void theExampleAdapterConformsWithEveryMustClausePassedOrExplained() throws Exception {
        Path jar = ROOT.resolve("tck/target/shimexec-tck.jar");
        Path adapter = MODULE.resolve("adapter/shim_adapter.py");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: package the tck module first");
        assumeTrue(onPath("python3"), "python3 is not on the PATH");
        Path log = MODULE.resolve("target/conformance-run.log");
        Files.createDirectories(log.getParent());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString(), "--adapter",
                "python3 '" + adapter + "'", "--report-dir", "target/conformance"));
        Process kit = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        boolean finished = kit.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            kit.destroyForcibly();
        }

        String output = Files.readString(log);
        assertTrue(finished, "the kit finished within " + RUN_LIMIT_MINUTES + " minutes:\n" + output);
        assertEquals(0, kit.exitValue(), "the kit's exit status; its output:\n" + output);
        JsonNode report = new ObjectMapper().readTree(MODULE.resolve("target/conformance/report.json").toFile());
        for (JsonNode clause : report.get("clauses")) {
            if (!clause.get("level").asText().equals("MUST")) {
                continue;
            }
            String id = clause.get("id").asText();
            String verdict = clause.get("verdict").asText();
            assertTrue(verdict.equals("PASS") || verdict.equals("NOT_VERIFIED"), id + " is " + verdict);
            if (verdict.equals("NOT_VERIFIED")) {
                assertTrue(clause.get("reason").isTextual() && !clause.get("reason").asText().isBlank(),
                        id + " is not verified and says why");
            }
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
