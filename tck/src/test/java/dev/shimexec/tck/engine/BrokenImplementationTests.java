package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.Conformance;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.KitListener;
import dev.shimexec.tck.Verdict;
import dev.shimexec.tck.broken.Broken;
import dev.shimexec.tck.broken.BrokenProviders;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The kit rejects every deliberately broken implementation, naming the clause it breaks. */
class BrokenImplementationTests {

    static Stream<Broken> brokenImplementations() {
        return BrokenProviders.sequential().stream();
    }

    static KitConfig configFor(Broken broken) {
        return KitConfig.defaults().withProfile(broken.profile()).withDepth(2).withTries(60)
                .withCallTimeout(Duration.ofSeconds(2));
    }

    /** The sequential phases alone: these implementations break sequential clauses. */
    private static ConformanceReport sequentialRun(ExecProvider provider, KitConfig config) {
        return new Engine(provider, config, KitListener.SILENT, List.of()).run();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenImplementations")
    void kitRejectsTheBrokenImplementationForItsClauseWithAReplayableCounterexample(Broken broken)
            throws Exception {
        ConformanceReport report;
        try (ExecProvider provider = broken.newProvider()) {
            report = sequentialRun(provider, configFor(broken));
        }

        ClauseResult result = report.result(broken.clause()).orElseThrow();
        String failing = report.results().stream().filter(r -> r.verdict() == Verdict.FAIL)
                .map(r -> r.clause().id()).collect(Collectors.joining(", "));
        assertEquals(Verdict.FAIL, result.verdict(),
                () -> broken + ": expected " + broken.clause().id() + " to fail; failing: [" + failing + "]");
        assertEquals("[" + broken.clause().id() + "]", "[" + failing + "]",
                () -> broken + " should break " + broken.clause().id() + " and no other clause");

        Counterexample counterexample = result.failure().orElseThrow();
        ConformanceReport replay;
        try (ExecProvider provider = broken.newProvider()) {
            replay = Conformance.replay(provider, configFor(broken), counterexample.scenario());
        }
        assertEquals(Verdict.FAIL, replay.result(broken.clause()).orElseThrow().verdict(),
                () -> "replaying '" + counterexample.scenario() + "' should break " + broken.clause().id());
        assertTrue(Scenario.parse(counterexample.scenario()).steps().size() <= counterexample.originalLength(),
                "shrinking never makes a scenario longer");
    }
}
