package dev.example.hostexec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs the packaged kit against {@link HostProcessProvider} with {@code --impl}, exactly as an implementer
 * would from a shell, and reads the report it writes.
 */
class HostProcessRunnerTests {

    private static final long RUN_LIMIT_MINUTES = 5;
    private static final int CONCURRENCY_CLAUSES = 7;

    private static final Path ROOT = Path.of(System.getProperty("shimexec.root", "../..")).toAbsolutePath()
            .normalize();
    private static final Path MODULE = ROOT.resolve("src/host-process-exec");

    @Test
    void theRunnerFindsTheHostProcessExecConformingWithEveryConcurrencyClausePassed() throws Exception {
        Path jar = ROOT.resolve("tck/target/shimexec-tck.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: package the tck module first");
        Path reportDir = MODULE.resolve("target/conformance");
        Path reportFile = reportDir.resolve("report.json");
        Files.deleteIfExists(reportFile);
        Path log = MODULE.resolve("target/runner-run.log");
        Files.createDirectories(log.getParent());
        String classPath = String.join(File.pathSeparator, jar.toString(),
                MODULE.resolve("target/classes").toString(), MODULE.resolve("target/test-classes").toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", classPath, "dev.shimexec.tck.cli.Main",
                "--impl", HostProcessProvider.class.getName(), "--report-dir", "target/conformance");
        Process kit = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        boolean finished = kit.waitFor(RUN_LIMIT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            kit.descendants().forEach(ProcessHandle::destroyForcibly);
            kit.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        String output = Files.readString(log);
        assertTrue(finished, "the kit finished within " + RUN_LIMIT_MINUTES + " minutes:\n" + output);
        assertEquals(0, kit.exitValue(), "the kit's exit status; its output:\n" + output);
        JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        Map<String, JsonNode> clauses = new HashMap<>();
        List<Executable> mustClauses = new ArrayList<>();
        for (JsonNode clause : report.get("clauses")) {
            String id = clause.get("id").asText();
            clauses.put(id, clause);
            if (clause.get("level").asText().equals("MUST")) {
                mustClauses.add(() -> assertPassedOrExplained(id, clause));
            }
        }
        assertAll("MUST clauses", mustClauses);
        List<Executable> concurrencyClauses = new ArrayList<>();
        for (int n = 1; n <= CONCURRENCY_CLAUSES; n++) {
            String id = "CONC-" + n;
            concurrencyClauses.add(() -> assertPassedWithChecks(id, clauses.get(id)));
        }
        assertAll("concurrency clauses", concurrencyClauses);
    }

    private static void assertPassedOrExplained(String id, JsonNode clause) {
        String verdict = clause.get("verdict").asText();
        assertTrue(verdict.equals("PASS") || verdict.equals("NOT_VERIFIED"), id + " is " + verdict);
        if (verdict.equals("NOT_VERIFIED")) {
            assertTrue(clause.get("reason").isTextual() && !clause.get("reason").asText().isBlank(),
                    id + " is not verified and says why");
        }
    }

    private static void assertPassedWithChecks(String id, JsonNode clause) {
        assertNotNull(clause, id + " is in the report");
        assertEquals("PASS", clause.get("verdict").asText(), id + "'s verdict");
        JsonNode checks = clause.get("checks");
        assertTrue(checks != null && checks.isIntegralNumber() && checks.asLong() > 0,
                id + " was checked at least once, but its checks are " + checks);
    }
}
