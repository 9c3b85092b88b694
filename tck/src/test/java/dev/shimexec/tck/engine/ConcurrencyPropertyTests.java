package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.Conformance;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.KitListener;
import dev.shimexec.tck.Verdict;
import dev.shimexec.tck.broken.concurrency.DoubleStartProvider;
import dev.shimexec.tck.broken.concurrency.DoubleWinnerProvider;
import dev.shimexec.tck.broken.concurrency.DrainingWaitProvider;
import dev.shimexec.tck.broken.concurrency.FirstWaiterOnlyProvider;
import dev.shimexec.tck.broken.concurrency.LockOrderDeadlockProvider;
import dev.shimexec.tck.broken.concurrency.RestampedWaitersProvider;
import dev.shimexec.tck.broken.concurrency.SilentForceExitProvider;
import dev.shimexec.tck.broken.concurrency.StuckLateWaitProvider;
import dev.shimexec.tck.broken.concurrency.TornExitProvider;
import dev.shimexec.tck.support.ReferenceProvider;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConcurrencyPropertyTests {

    private static final List<Clause> CONCURRENCY = List.of(Clause.CONC_1, Clause.CONC_2, Clause.CONC_3,
            Clause.CONC_4, Clause.CONC_5, Clause.CONC_6, Clause.CONC_7);

    /** A short call timeout keeps the runs that wait for a hang short; the wait bounds are the profiles'. */
    static KitConfig config(Profile profile, int tries) {
        return KitConfig.defaults().withProfile(profile).withCallTimeout(Duration.ofSeconds(2)).withTries(tries);
    }

    static Evidence check(ExecProvider provider, KitConfig config) {
        try (CallGuard guard = new CallGuard(config.callTimeout())) {
            Evidence evidence = new Evidence();
            Property.Context context = new Property.Context(provider, config, guard, evidence, KitListener.SILENT,
                    provider.capabilities(), new AtomicLong());
            new ConcurrencyProperty().check(context);
            return evidence;
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void referenceExecPassesEveryConcurrencyClause(Profile profile) {
        KitConfig config = config(profile, KitConfig.defaults().tries());

        Evidence evidence = check(new ReferenceProvider(profile), config);

        for (Clause clause : CONCURRENCY) {
            assertFalse(evidence.hasFailure(clause), () -> clause.id() + " under " + profile.id()
                    + ": expected no failure, but was " + evidence.failure(clause).orElseThrow());
            assertTrue(evidence.checks(clause) > 0, () -> clause.id() + " under " + profile.id()
                    + ": expected to be checked, but was never checked");
        }
    }

    static Stream<Arguments> brokenImplementations() {
        return Stream.of(
                Arguments.of("only the first waiter is released",
                        (Supplier<ExecProvider>) FirstWaiterOnlyProvider::new, Clause.CONC_1, 12),
                Arguments.of("waiters after the first given a time of their own",
                        (Supplier<ExecProvider>) RestampedWaitersProvider::new, Clause.CONC_2, 12),
                Arguments.of("exit data written in two steps",
                        (Supplier<ExecProvider>) TornExitProvider::new, Clause.CONC_3, 12),
                Arguments.of("a second wait after the exit blocks",
                        (Supplier<ExecProvider>) StuckLateWaitProvider::new, Clause.CONC_1, 12),
                Arguments.of("force-exit releases nobody",
                        (Supplier<ExecProvider>) SilentForceExitProvider::new, Clause.FORCE_3, 12),
                Arguments.of("waiters released 700 ms after the exit",
                        (Supplier<ExecProvider>) DrainingWaitProvider::new, Clause.CONC_5, 6),
                Arguments.of("two force-exits both win",
                        (Supplier<ExecProvider>) DoubleWinnerProvider::new, Clause.CONC_4, 12),
                Arguments.of("a kill and a status lock in opposite orders",
                        (Supplier<ExecProvider>) LockOrderDeadlockProvider::new, Clause.CONC_6, 12),
                Arguments.of("two racing starts both succeed",
                        (Supplier<ExecProvider>) DoubleStartProvider::new, Clause.CONC_7, 12));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("brokenImplementations")
    void brokenImplementationIsRejectedForItsClauseWithAReplayableCounterexample(String fault,
            Supplier<ExecProvider> make, Clause clause, int tries) {
        KitConfig config = config(Profile.STRICT, tries);

        Evidence evidence = check(make.get(), config);

        Counterexample counterexample = failure(evidence, clause, fault);
        assertFalse(counterexample.timeline().isEmpty(), fault + ": expected a timeline, but it was empty");
        assertTrue(ConcurrentScenario.isConcurrent(counterexample.scenario()),
                () -> fault + ": expected a concurrent scenario, but was '" + counterexample.scenario() + "'");
        assertTrue(counterexample.originalLength() >= ConcurrentScenario.parse(counterexample.scenario()).length(),
                () -> fault + ": expected the shrunk scenario to be no longer than the original "
                        + counterexample.originalLength() + ", but was " + counterexample.scenario());
        ClauseResult replayed = replay(make.get(), config, counterexample, clause, fault);
        assertFalse(replayed.counterexample().timeline().isEmpty(), fault + ": the replay's timeline");
    }

    private static Counterexample failure(Evidence evidence, Clause clause, String fault) {
        Counterexample counterexample = evidence.failure(clause).orElseThrow(() -> new AssertionError(
                fault + ": expected " + clause.id() + " to fail, but it " + (evidence.checks(clause) > 0
                        ? "held in " + evidence.checks(clause) + " checks" : "was never checked")));
        assertEquals(clause, counterexample.clause(), fault + ": the counterexample's clause");
        return counterexample;
    }

    /** Replays {@code counterexample} on a fresh provider and asserts it fails {@code clause} again. */
    private static ClauseResult replay(ExecProvider provider, KitConfig config, Counterexample counterexample,
                                       Clause clause, String fault) {
        ConformanceReport replay = Conformance.replay(provider, config, counterexample.scenario());

        ClauseResult result = replay.result(clause).orElseThrow();
        assertEquals(Verdict.FAIL, result.verdict(), () -> fault + ": expected the replay of '"
                + counterexample.scenario() + "' to fail " + clause.id() + ", but was " + result.verdict()
                + (result.failure().isPresent() ? "" : " (" + result.reason() + ")"));
        return result;
    }

    @Test
    void everyExecOfARunHasAnIdOfItsOwnThoughFindingsAreReplayedOneCallAtATime() {
        ExecProvider broken = new RestampedWaitersProvider();
        List<String> ids = new CopyOnWriteArrayList<>();
        ExecProvider recording = new ExecProvider() {
            @Override
            public String name() {
                return broken.name();
            }

            @Override
            public Set<Capability> capabilities() {
                return broken.capabilities();
            }

            @Override
            public ShimExec create(ExecRequest request) throws Exception {
                ids.add(request.execId());
                return broken.create(request);
            }

            @Override
            public void exit(ShimExec exec, int code) throws Exception {
                broken.exit(exec, code);
            }

            @Override
            public void dispose(ShimExec exec) throws Exception {
                broken.dispose(exec);
            }
        };

        ConformanceReport report = Conformance.run(recording, config(Profile.STRICT, 12).withDepth(1));

        assertEquals(Verdict.FAIL, report.result(Clause.CONC_2).orElseThrow().verdict(),
                "the run replays a finding one call at a time, on execs of its own");
        assertEquals(ids.size(), Set.copyOf(ids).size(), () -> "exec ids used twice: " + ids);
    }

    @Test
    void drainingWaitersWithinTheDrainWindowAreAcceptedUnderHcsshim() {
        KitConfig config = config(Profile.HCSSHIM, 6);

        Evidence evidence = check(new DrainingWaitProvider(Profile.HCSSHIM), config);

        for (Clause clause : CONCURRENCY) {
            assertFalse(evidence.hasFailure(clause), () -> clause.id() + " under hcsshim: expected no failure"
                    + " for waiters released " + DrainingWaitProvider.DRAIN.toMillis() + " ms after the exit, but"
                    + " was " + evidence.failure(clause).orElseThrow());
        }
        assertTrue(evidence.checks(Clause.CONC_5) > 0, "CONC-5 under hcsshim: expected to be checked");
    }

    @Test
    void theSameSeedMakesTheSameScenarios() {
        KitConfig config = KitConfig.defaults();
        ReferenceProvider provider = new ReferenceProvider();

        List<ConcurrentScenario> first = ConcurrencyProperty.generate(config, provider.capabilities(), 60);
        List<ConcurrentScenario> second = ConcurrencyProperty.generate(config, provider.capabilities(), 60);
        List<ConcurrentScenario> otherSeed = ConcurrencyProperty.generate(config.withSeed(7), provider.capabilities(),
                60);

        assertEquals(first, second);
        assertFalse(first.equals(otherSeed), "expected another seed to make other scenarios");
    }

    @Test
    void aRunMakesAtMostSixtyScenarios() {
        assertEquals(60, ConcurrencyProperty.scenarios(200));
        assertEquals(10, ConcurrencyProperty.scenarios(10));
        assertEquals(0, ConcurrencyProperty.scenarios(0));
    }
}
