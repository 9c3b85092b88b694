package dev.shimexec.tck.cli;

import static dev.shimexec.tck.cli.Runner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.adapter.FakeAdapter;
import dev.shimexec.tck.cli.Runner.Outcome;
import dev.shimexec.tck.report.ReportFiles;
import dev.shimexec.tck.support.ReferenceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTests {

    /** A short run: enough to reach most clauses in a few seconds. */
    private static final String[] SMALL = {"--depth", "2", "--tries", "20"};

    /** A scenario that needs a wait on an exited exec to return. */
    private static final String WAIT_AFTER_EXIT = "create(tty=false, stdin=false); forceExit(1); wait()";

    @TempDir
    Path dir;

    private Path fake;

    @BeforeEach
    void writeFake() {
        fake = FakeAdapter.write(dir);
    }

    private String[] args(String... args) {
        String[] all = new String[args.length + SMALL.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(SMALL, 0, all, args.length, SMALL.length);
        all[all.length - 2] = "--report-dir";
        all[all.length - 1] = dir.resolve("reports").toString();
        return all;
    }

    private static void assertUsageError(Outcome outcome, String... mentions) {
        assertEquals(2, outcome.status(), outcome.toString());
        String firstLine = outcome.err().lines().findFirst().orElse("");
        for (String mention : mentions) {
            assertTrue(firstLine.contains(mention), "the message names " + mention + ": " + outcome);
        }
        assertNoStackTrace(outcome);
    }

    private static void assertNoStackTrace(Outcome outcome) {
        assertFalse(outcome.err().contains("\tat ") || outcome.err().contains("Caused by:"),
                "no stack trace for a user's mistake: " + outcome);
    }

    @Test
    void theReferenceExecConformsAndEveryReportFileIsWritten() {
        Outcome outcome = run(args("--impl", ReferenceProvider.class.getName()));

        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.out().contains("  KILL-3     MUST   PASS"), outcome.out());
        for (int n = 1; n <= 7; n++) {
            assertTrue(outcome.out().contains("  CONC-" + n + "     MUST   PASS"), "CONC-" + n + ":\n" + outcome.out());
        }
        assertTrue(outcome.out().contains("Totals:"), outcome.out());
        for (String file : List.of(ReportFiles.JSON, ReportFiles.MARKDOWN, ReportFiles.HTML,
                "TEST-shimexec-conformance.xml", ReportFiles.BADGE_SVG, ReportFiles.BADGE_JSON)) {
            assertTrue(Files.isRegularFile(dir.resolve("reports").resolve(file)), file + " is written");
        }
    }

    @Test
    void clauseIdsInTheHtmlReportLinkToTheCheckoutsSpecification() throws Exception {
        Path reports = Path.of("target", "conformance", "reference");

        String link = Main.specLinkFrom(reports);

        Path spec = reports.toAbsolutePath().resolve(link).normalize();
        assertTrue(spec.endsWith(Path.of("spec", "SPEC.md")) && Files.isRegularFile(spec),
                () -> "expected a link that resolves to spec/SPEC.md from " + reports + ", but was " + link);
        Outcome outcome = run(args("--impl", ReferenceProvider.class.getName()));
        String html = Files.readString(dir.resolve("reports").resolve(ReportFiles.HTML));
        Path fromTemp = dir.resolve("reports").toAbsolutePath().relativize(spec);
        assertTrue(html.contains("href=\"" + fromTemp.toString().replace('\\', '/') + "#kill-3\""),
                () -> "expected report.html to link KILL-3 to " + fromTemp + "; " + outcome);
    }

    @Test
    void aSingleBundledImplementationCanBeChosen() {
        Outcome outcome = run(args("--bundled", "reference", "--profile", "hcsshim"));

        assertEquals(0, outcome.status(), outcome.toString());
        assertEquals("hcsshim", Runner.reportJson(dir.resolve("reports")).get("profile").asText());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Outcome outcome = run("--frob", "3");

        assertUsageError(outcome, "'--frob'");
    }

    @Test
    void aMissingImplClassIsAUsageError() {
        Outcome outcome = run("--impl", "com.example.NoSuchProvider");

        assertUsageError(outcome, "--impl", "'com.example.NoSuchProvider'", "class path");
    }

    @Test
    void anImplClassThatIsNotAProviderIsAUsageError() {
        Outcome outcome = run("--impl", "java.lang.String");

        assertUsageError(outcome, "--impl", "'java.lang.String'", "is not an ExecProvider");
    }

    @Test
    void anImplClassWithoutANoArgumentConstructorIsAUsageError() {
        Outcome outcome = run("--impl", NeedsArgument.class.getName());

        assertUsageError(outcome, "--impl", NeedsArgument.class.getName(), "no public no-argument constructor");
    }

    @Test
    void anImplClassWhoseConstructorFailsIsAUsageError() {
        Outcome outcome = run("--impl", FailsToConstruct.class.getName());

        assertUsageError(outcome, "--impl", "no shim is configured");
    }

    @Test
    void aProviderThatCannotCreateAnExecCannotBeDriven() {
        Outcome outcome = run(args("--impl", CannotCreate.class.getName()));

        assertUsageError(outcome, "cannot be driven", "could not create an exec");
    }

    @Test
    void anUnknownClauseIdIsAUsageError() {
        Outcome outcome = run("--clauses", "KILL-3,FOO-9");

        assertUsageError(outcome, "--clauses", "'FOO-9'");
    }

    @Test
    void clauseIdsAreReadInAnyCase() {
        Outcome outcome = run(args("--bundled", "reference", "--clauses", "kill-3,wait-1"));

        assertEquals(0, outcome.status(), outcome.toString());
        assertEquals("PASS", Runner.verdict(Runner.reportJson(dir.resolve("reports")), "KILL-3"));
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        Outcome outcome = run("--profile", "lenient");

        assertUsageError(outcome, "--profile", "'lenient'", "strict, hcsshim");
    }

    @Test
    void aDurationThatIsNoneIsAUsageError() {
        Outcome outcome = run("--timeout", "soon");

        assertUsageError(outcome, "--timeout", "'soon'");
    }

    @Test
    void aWaitBoundNotShorterThanTheTimeoutIsAUsageError() {
        Outcome outcome = run("--timeout", "200ms");

        assertUsageError(outcome, "--timeout", "200ms", "250ms");
    }

    @Test
    void aDepthOutOfRangeIsAUsageError() {
        Outcome outcome = run("--depth", "9");

        assertUsageError(outcome, "--depth", "1..6", "9");
    }

    @Test
    void twoImplementationsAtOnceIsAUsageError() {
        Outcome outcome = run("--impl", ReferenceProvider.class.getName(), "--adapter", "true");

        assertUsageError(outcome, "--adapter", "--impl");
    }

    @Test
    void aReplayThatIsNoScenarioIsAUsageError() {
        Outcome outcome = run("--impl", ReferenceProvider.class.getName(), "--replay", "start(); start()");

        assertUsageError(outcome, "--replay", "create(");
    }

    @Test
    void aConcurrentScenarioCanBeReplayed() {
        String scenario = "concurrent(tty=false, stdin=false): start(); [wait() | forceExit(3)]; status()";

        Outcome outcome = run(args("--impl", ReferenceProvider.class.getName(), "--replay", scenario));

        assertEquals(0, outcome.status(), outcome.toString());
        assertEquals(scenario, Runner.reportJson(dir.resolve("reports")).at("/run/scenario").asText());
    }

    @Test
    void aMalformedConcurrentScenarioIsAUsageError() {
        Outcome outcome = run("--impl", ReferenceProvider.class.getName(), "--replay",
                "concurrent(tty=false, stdin=false): start(); [wait() | forceExit(3)");

        assertUsageError(outcome, "--replay", "[wait() | forceExit(3)'");
    }

    @Test
    void anAdapterThatExitsAtOnceCannotBeDriven() {
        String command = FakeAdapter.shell(dir, "gone.sh", "echo 'fake adapter: no shim here' >&2\nexit 3\n");

        Outcome outcome = run(args("--adapter", command));

        assertUsageError(outcome, "cannot be driven", "exited with status 3");
        assertTrue(outcome.err().contains("fake adapter: no shim here"), "the stderr tail is shown: " + outcome);
    }

    @Test
    void anAdapterThatPrintsSomethingOtherThanJsonCannotBeDriven() {
        Outcome outcome = run(args("--adapter", FakeAdapter.command(fake, "--garbage-on", "status")));

        assertUsageError(outcome, "cannot be driven", "not JSON", "'this is not json'");
    }

    @Test
    void anAdapterThatNeverAnswersCannotBeDriven() {
        String[] arguments = args("--adapter", FakeAdapter.command(fake, "--silent"), "--timeout", "1s");

        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(arguments));

        assertUsageError(outcome, "cannot be driven", "did not answer hello within 1000 ms");
    }

    @Test
    void anAdapterThatAnswersAnUnknownIdCannotBeDriven() {
        Outcome outcome = run(args("--adapter", FakeAdapter.command(fake, "--unknown-id-on", "create")));

        assertUsageError(outcome, "cannot be driven", "which the kit never sent");
    }

    @Test
    void anAdapterOfAnotherProtocolVersionCannotBeDriven() {
        Outcome outcome = run(args("--adapter", FakeAdapter.command(fake, "--protocol", "2")));

        assertUsageError(outcome, "cannot be driven", "speaks protocol 2");
    }

    @Test
    void anAdapterThatHangsInWaitGetsAVerdictNotAHang() {
        String command = FakeAdapter.command(fake, "--wait-hangs");
        String[] arguments = args("--adapter", command, "--timeout", "1s", "--replay", WAIT_AFTER_EXIT);

        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(arguments));

        assertEquals(1, outcome.status(), outcome.toString());
        assertEquals("FAIL", Runner.verdict(Runner.reportJson(dir.resolve("reports")), "WAIT-3"));
    }

    @Test
    void aFailuresReplayCommandReproducesIt() {
        String command = FakeAdapter.command(fake, "--wait-hangs");
        run(args("--adapter", command, "--timeout", "1s", "--replay", WAIT_AFTER_EXIT));
        JsonNode report = Runner.reportJson(dir.resolve("reports"));
        String replay = report.at("/clauses").findValues("replayCommand").get(0).asText();
        List<String> words = Runner.words(replay);
        List<String> kitArgs = new ArrayList<>(words.subList(words.indexOf(Main.class.getName()) + 1, words.size()));
        kitArgs.addAll(List.of("--report-dir", dir.resolve("replayed").toString()));

        Outcome outcome = run(kitArgs.toArray(String[]::new));

        assertTrue(kitArgs.containsAll(List.of("--adapter", command, "--profile", "strict", "--timeout", "1s",
                "--replay")), replay);
        assertEquals(1, outcome.status(), outcome.toString());
    }

    @Test
    void noProcessOfTheKitRemainsAfterAPassingRun() {
        Path pids = dir.resolve("pids");

        Outcome outcome = run(args("--adapter", FakeAdapter.command(fake, "--spawn-child", pids.toString())));

        assertEquals(0, outcome.status(), outcome.toString());
        assertNoneRunning(pids);
    }

    @Test
    void noProcessOfTheKitRemainsAfterAFailingRun() {
        Path pids = dir.resolve("pids");
        String command = FakeAdapter.command(fake, "--spawn-child", pids.toString(), "--wait-hangs");

        Outcome outcome = run(args("--adapter", command, "--timeout", "1s", "--replay", WAIT_AFTER_EXIT));

        assertEquals(1, outcome.status(), outcome.toString());
        assertNoneRunning(pids);
    }

    @Test
    void noProcessOfTheKitRemainsAfterTheAdapterCrashes() {
        Path pids = dir.resolve("pids");
        String command = FakeAdapter.command(fake, "--spawn-child", pids.toString(), "--crash-on", "start");

        Outcome outcome = run(args("--adapter", command));

        assertUsageError(outcome, "cannot be driven", "exited with status 3");
        assertTrue(outcome.err().contains("crashing on start"), outcome.toString());
        assertNoneRunning(pids);
    }

    private static void assertNoneRunning(Path pidFile) {
        for (long pid : FakeAdapter.spawnedPids(pidFile)) {
            assertFalse(FakeAdapter.running(pid), "process " + pid + " started for the kit still runs");
        }
    }

    @Test
    void adapterDiagnosticsGoIntoTheReport() {
        Outcome outcome = run(args("--adapter", FakeAdapter.command(fake, "--stderr-lines", "2")));

        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(Runner.reportJson(dir.resolve("reports")).get("diagnostics").asText()
                .contains("fake adapter diagnostic line 2"));
    }

    @Test
    void quietPrintsOnlyTheVerdict() {
        Outcome outcome = run(args("--impl", ReferenceProvider.class.getName(), "--quiet"));

        assertEquals(0, outcome.status(), outcome.toString());
        assertEquals(1, outcome.out().lines().count(), outcome.out());
        assertTrue(outcome.out().contains("conforms to strict"), outcome.out());
    }

    @Test
    void versionNamesTheKitAndTheProtocol() {
        Outcome outcome = run("--version");

        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.out().startsWith("shimexec-tck "), outcome.out());
        assertTrue(outcome.out().contains("adapter protocol 1"), outcome.out());
    }

    @Test
    void helpDescribesEveryOptionWithItsDefault() {
        Outcome outcome = run("--help");

        assertEquals(0, outcome.status(), outcome.toString());
        for (String option : List.of("--adapter", "--impl", "--profile", "--seed", "--depth", "--tries", "--clauses",
                "--timeout", "--wait-bound", "--report-dir", "--replay", "--quiet", "--version", "--help")) {
            assertTrue(outcome.out().contains(option), option + " is described");
        }
        assertTrue(outcome.out().contains("Default: strict"), outcome.out());
        assertTrue(outcome.out().contains("Default: target/conformance"), outcome.out());
    }

    /** A provider the runner cannot make: its only constructor takes an argument. */
    public static final class NeedsArgument extends Unusable {
        public NeedsArgument(String shim) {
        }
    }

    /** A provider whose constructor fails. */
    public static final class FailsToConstruct extends Unusable {
        public FailsToConstruct() {
            throw new IllegalStateException("no shim is configured");
        }
    }

    /** A provider that cannot create an exec. */
    public static final class CannotCreate extends Unusable {
    }

    /** The part of a provider these tests never reach. */
    abstract static class Unusable implements ExecProvider {
        @Override
        public String name() {
            return "unusable";
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public ShimExec create(ExecRequest request) {
            throw new UnsupportedOperationException("never made");
        }

        @Override
        public void close() {
        }
    }
}
