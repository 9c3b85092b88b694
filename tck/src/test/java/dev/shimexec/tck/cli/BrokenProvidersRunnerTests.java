package dev.shimexec.tck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimexec.spec.Level;
import dev.shimexec.tck.broken.Broken;
import dev.shimexec.tck.broken.BrokenProviders;
import dev.shimexec.tck.cli.Runner.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every deliberately broken implementation, run through the runner as a user would: the report names its
 * clause as failed, and the exit status is 1 when that clause is a MUST (a failing SHOULD clause is
 * reported but does not fail conformance, so the status is 0).
 */
class BrokenProvidersRunnerTests {

    /** How long one run may take: a run that hangs on a broken implementation fails here. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    static List<Broken> broken() {
        return BrokenProviders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void theReportNamesTheBrokenClauseAndAFailingMustExitsWith1(Broken broken) {
        String[] args = {"--impl", broken.provider().getName(), "--profile", broken.profile().id(), "--report-dir",
            dir.toString(), "--quiet", "--depth", "1", "--tries", "10", "--timeout", "2s"};

        Outcome outcome = assertTimeoutPreemptively(RUN_LIMIT, () -> Runner.run(args),
                () -> "the runner gives a verdict on " + broken + " within " + RUN_LIMIT.toMinutes() + " minutes");

        JsonNode report = Runner.reportJson(dir);
        assertEquals("FAIL", Runner.verdict(report, broken.clause().id()), outcome.toString());
        if (broken.clause().level() == Level.MUST) {
            assertEquals(1, outcome.status(), outcome.toString());
        } else {
            assertEquals(report.get("conforms").asBoolean() ? 0 : 1, outcome.status(), outcome.toString());
            for (JsonNode clause : report.get("clauses")) {
                assertTrue(!clause.get("level").asText().equals("MUST") || !clause.get("verdict").asText().equals("FAIL"),
                        () -> broken + " breaks a SHOULD clause only, but the report fails " + clause.get("id"));
            }
        }
    }
}
