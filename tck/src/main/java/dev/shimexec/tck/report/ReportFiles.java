package dev.shimexec.tck.report;

import dev.shimexec.tck.ConformanceReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes every report file of one run into one directory: {@value #JSON}, {@value #MARKDOWN},
 * {@value #HTML}, the JUnit XML file, {@value #BADGE_SVG} and {@value #BADGE_JSON}.
 */
public final class ReportFiles {

    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    public static final String BADGE_SVG = "badge.svg";
    public static final String BADGE_JSON = "badge.json";

    private ReportFiles() {
    }

    /**
     * Writes the report files into {@code directory}, making it if needed, and replacing files of an
     * earlier run.
     *
     * @return the files written, {@value #JSON} first
     * @throws UncheckedIOException naming the file, if one cannot be written
     */
    public static List<Path> write(ConformanceReport report, ReportContext context, Path directory) {
        Objects.requireNonNull(report, "report must not be null");
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(directory, "directory must not be null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("the report directory " + directory + " cannot be made: " + e, e);
        }
        Badge badge = Badge.of(report);
        List<Path> written = new ArrayList<>();
        written.add(write(directory.resolve(JSON), JsonReport.text(report, context)));
        written.add(write(directory.resolve(MARKDOWN), MarkdownReport.text(report, context)));
        written.add(write(directory.resolve(HTML), HtmlReport.text(report, context)));
        written.add(write(directory.resolve(JUnitReport.FILE_NAME), JUnitReport.text(report, context)));
        written.add(write(directory.resolve(BADGE_SVG), badge.svg()));
        written.add(write(directory.resolve(BADGE_JSON), badge.json()));
        return written;
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be written: " + e, e);
        }
    }
}
