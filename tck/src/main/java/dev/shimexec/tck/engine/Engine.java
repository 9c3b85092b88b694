package dev.shimexec.tck.engine;

import dev.shimexec.model.ExecModel;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.CallTimeoutException;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.KitListener;
import dev.shimexec.tck.ProviderException;
import dev.shimexec.tck.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the kit: the regression scenarios of the public reports, a transition tour, bounded-exhaustive
 * and seeded random sequences, then every further property; shrinks the first failure of each clause;
 * and turns the evidence into a verdict per clause.
 */
public final class Engine {

    /** The reason an unreached clause carries until the run knows whether another clause failed. */
    private static final String PENDING = "not reached";

    private final ExecProvider provider;
    private final KitConfig config;
    private final KitListener listener;
    private final List<Property> properties;

    public Engine(ExecProvider provider, KitConfig config, KitListener listener) {
        this(provider, config, listener, Properties.all());
    }

    Engine(ExecProvider provider, KitConfig config, KitListener listener, List<Property> properties) {
        this.provider = provider;
        this.config = config;
        this.listener = listener;
        this.properties = properties;
    }

    /**
     * Runs every phase.
     *
     * @throws ProviderException if the implementation cannot be driven
     */
    public ConformanceReport run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (CallGuard guard = new CallGuard(config.callTimeout())) {
            Set<Capability> capabilities = capabilities(guard);
            Evidence evidence = new Evidence();
            SequenceRunner runner = new SequenceRunner(provider, config, guard);
            Generator generator = new Generator(new ExecModel(config.profile()), capabilities);
            Map<String, Long> phaseMillis = new LinkedHashMap<>();
            long[] totals = new long[2];

            List<Scenario> regressions = new ArrayList<>();
            for (Regressions.Case c : Regressions.CASES) {
                if (capabilities.containsAll(c.needs())) {
                    regressions.add(c.parsed());
                }
            }
            runPhase("regression scenarios", regressions, runner, evidence, phaseMillis, totals);
            runPhase("transition tour", generator.tour(), runner, evidence, phaseMillis, totals);
            runPhase("bounded exhaustive, depth " + config.depth(), generator.exhaustive(config.depth()), runner,
                    evidence, phaseMillis, totals);
            runPhase("random, seed " + config.seed(),
                    generator.random(config.seed(), config.tries(), config.randomLength()), runner, evidence,
                    phaseMillis, totals);

            AtomicLong concurrent = new AtomicLong();
            Property.Context context = new Property.Context(provider, config, guard, evidence, listener,
                    capabilities, concurrent);
            for (Property property : properties) {
                long p0 = System.nanoTime();
                property.check(context);
                phaseMillis.put(property.phase(), (System.nanoTime() - p0) / 1_000_000);
            }
            ConformanceReport.Statistics statistics = new ConformanceReport.Statistics(started,
                    Duration.ofNanos(System.nanoTime() - t0), totals[0], totals[1], concurrent.get(), phaseMillis);
            return report(capabilities, evidence, statistics, null);
        }
    }

    /**
     * Runs one scenario, in the text form a counterexample prints.
     *
     * @throws IllegalArgumentException naming the fault, if the text is not a scenario
     * @throws ProviderException if the implementation cannot be driven
     */
    public ConformanceReport replay(String text) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (CallGuard guard = new CallGuard(config.callTimeout())) {
            Set<Capability> capabilities = capabilities(guard);
            Evidence evidence = new Evidence();
            AtomicLong concurrent = new AtomicLong();
            long sequences = 0;
            long steps = 0;
            Property.Context context = new Property.Context(provider, config, guard, evidence, listener,
                    capabilities, concurrent);
            Property owner = properties.stream().filter(p -> p.replays(text)).findFirst().orElse(null);
            if (owner != null) {
                owner.replay(context, text);
            } else {
                Scenario scenario = Scenario.parse(text);
                SequenceRunner.Run run = new SequenceRunner(provider, config, guard).run(scenario, evidence::checked);
                sequences = 1;
                steps = run.steps();
                if (run.failed()) {
                    evidence.failed(counterexample(run.violation(), scenario, scenario.steps().size()));
                }
            }
            ConformanceReport.Statistics statistics = new ConformanceReport.Statistics(started,
                    Duration.ofNanos(System.nanoTime() - t0), sequences, steps, concurrent.get(), Map.of());
            return report(capabilities, evidence, statistics, "the replayed scenario does not reach it");
        }
    }

    private Set<Capability> capabilities(CallGuard guard) {
        try {
            CallGuard.Result<Set<Capability>> result = guard.call("capabilities", provider::capabilities);
            if (result.error() instanceof ProviderException e) {
                throw e;
            }
            if (result.failed() || result.value() == null) {
                throw new ProviderException("the provider could not tell its capabilities: "
                        + ClauseChecks.describe(null, result.error()), result.error());
            }
            return result.value().isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(result.value());
        } catch (CallTimeoutException e) {
            throw new ProviderException("the provider did not tell its capabilities within "
                    + config.callTimeout().toMillis() + " ms", e);
        }
    }

    private void runPhase(String phase, List<Scenario> scenarios, SequenceRunner runner, Evidence evidence,
                          Map<String, Long> phaseMillis, long[] totals) {
        long p0 = System.nanoTime();
        listener.phaseStarted(phase, scenarios.size());
        Shrinker shrinker = new Shrinker(candidate -> runner.run(candidate, clause -> { },
                Patience.atMost(config.waitBound())));
        int done = 0;
        for (Scenario scenario : scenarios) {
            SequenceRunner.Run run = runner.run(scenario, evidence::checked, Patience.untilBroken(evidence));
            totals[0]++;
            totals[1] += run.steps();
            if (run.failed()) {
                Clause clause = run.violation().clause();
                if (evidence.hasFailure(clause)) {
                    evidence.failed(counterexample(run.violation(), scenario, scenario.steps().size()));
                } else {
                    listener.clauseBroken(clause);
                    Shrinker.Shrunk shrunk = shrinker.shrink(scenario, run.violation());
                    evidence.failed(counterexample(shrunk.violation(), shrunk.scenario(), scenario.steps().size()));
                }
            }
            listener.progress(phase, ++done, scenarios.size());
        }
        phaseMillis.put(phase, (System.nanoTime() - p0) / 1_000_000);
    }

    private Counterexample counterexample(Violation violation, Scenario scenario, int originalLength) {
        return new Counterexample(violation.clause(), violation.step(), violation.call() + " → " + violation.expected(),
                violation.actual(), scenario.text(), List.of(), config.seed(), originalLength);
    }

    private ConformanceReport report(Set<Capability> capabilities, Evidence evidence,
                                     ConformanceReport.Statistics statistics, String unreached) {
        Profile profile = config.profile();
        List<ClauseResult> results = new ArrayList<>();
        for (Clause clause : Clause.values()) {
            if (!config.includes(clause)) {
                continue;
            }
            String rule = profile.sentence(clause);
            long checks = evidence.checks(clause);
            Counterexample failure = evidence.failure(clause).orElse(null);
            if (failure != null) {
                results.add(new ClauseResult(clause, rule, Verdict.FAIL, checks, null, failure));
            } else if (checks > 0) {
                results.add(new ClauseResult(clause, rule, Verdict.PASS, checks, null, null));
            } else {
                Capability needed = Capability.neededBy(clause).orElse(null);
                String reason = needed != null && !capabilities.contains(needed)
                        ? "the implementation does not declare the '" + needed.featureName() + "' capability"
                        : evidence.reasonUnchecked(clause).orElse(unreached == null ? PENDING : unreached);
                results.add(new ClauseResult(clause, rule, Verdict.NOT_VERIFIED, 0, reason, null));
            }
        }
        if (unreached == null) {
            boolean anyFailed = results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL);
            String why = anyFailed
                    ? "not reached: the scenarios that check it stopped early at another clause's failure; fix that"
                            + " one first"
                    : "no scenario of this run reached it; raise --depth or --tries";
            results.replaceAll(r -> r.verdict() == Verdict.NOT_VERIFIED && PENDING.equals(r.reason())
                    ? new ClauseResult(r.clause(), r.rule(), r.verdict(), 0, why, null) : r);
        }
        return new ConformanceReport(name(), version(), capabilities, config, results, statistics, "");
    }

    private String name() {
        try {
            return String.valueOf(provider.name());
        } catch (RuntimeException e) {
            return provider.getClass().getName();
        }
    }

    private String version() {
        try {
            return String.valueOf(provider.version());
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
