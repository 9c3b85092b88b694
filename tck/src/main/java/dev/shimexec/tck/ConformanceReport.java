package dev.shimexec.tck;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one kit run: a verdict per clause, and what was run to reach it.
 *
 * @param implementation the implementation's name
 * @param implementationVersion the implementation's version
 * @param capabilities what the implementation declared it can do
 * @param config the run's settings
 * @param results one result per clause the run reports, in catalogue order
 * @param statistics how much was run, and how long it took
 * @param diagnostics free text the implementation left (an adapter's standard error tail); may be empty
 */
public record ConformanceReport(
        String implementation,
        String implementationVersion,
        java.util.Set<Capability> capabilities,
        KitConfig config,
        List<ClauseResult> results,
        Statistics statistics,
        String diagnostics) {

    public ConformanceReport {
        Objects.requireNonNull(implementation, "implementation must not be null");
        Objects.requireNonNull(implementationVersion, "implementationVersion must not be null");
        capabilities = java.util.Set.copyOf(capabilities);
        Objects.requireNonNull(config, "config must not be null");
        results = List.copyOf(results);
        Objects.requireNonNull(statistics, "statistics must not be null");
        diagnostics = diagnostics == null ? "" : diagnostics;
    }

    /**
     * How much a run did.
     *
     * @param started when the run began
     * @param elapsed how long it took
     * @param sequences how many sequential scenarios ran
     * @param steps how many steps they had in all
     * @param concurrentScenarios how many concurrent scenarios ran
     * @param phaseMillis milliseconds per phase, in the order they ran
     */
    public record Statistics(Instant started, Duration elapsed, long sequences, long steps,
                             long concurrentScenarios, Map<String, Long> phaseMillis) {
        public Statistics {
            phaseMillis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseMillis));
        }
    }

    /**
     * Whether the implementation conforms under the run's profile: every MUST clause passed, except
     * those that need a capability the implementation does not declare. A MUST clause the run did not
     * reach for any other reason (a run too small, scenarios cut short by another failure) means the
     * run cannot tell, and so does not conform.
     */
    public boolean conforms() {
        return results.stream().filter(r -> r.clause().level() == Level.MUST).allMatch(this::passedOrOutOfScope)
                && results.stream().anyMatch(r -> r.verdict() == Verdict.PASS);
    }

    private boolean passedOrOutOfScope(ClauseResult result) {
        return result.verdict() == Verdict.PASS || result.verdict() == Verdict.NOT_VERIFIED
                && Capability.neededBy(result.clause()).filter(c -> !capabilities.contains(c)).isPresent();
    }

    /** How many clauses of {@code level} were not verified. */
    public long unverified(Level level) {
        return results.stream()
                .filter(r -> r.clause().level() == level && r.verdict() == Verdict.NOT_VERIFIED)
                .count();
    }

    /** Whether any clause of {@code level} failed. */
    public boolean failed(Level level) {
        return results.stream().anyMatch(r -> r.clause().level() == level && r.verdict() == Verdict.FAIL);
    }

    /** The result for {@code clause}, if the run reports it. */
    public Optional<ClauseResult> result(Clause clause) {
        return results.stream().filter(r -> r.clause() == clause).findFirst();
    }

    /** How many clauses of each level have each verdict. */
    public Map<Level, Map<Verdict, Integer>> totals() {
        Map<Level, Map<Verdict, Integer>> totals = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
            for (Verdict verdict : Verdict.values()) {
                byVerdict.put(verdict, 0);
            }
            totals.put(level, byVerdict);
        }
        for (ClauseResult result : results) {
            totals.get(result.clause().level()).merge(result.verdict(), 1, Integer::sum);
        }
        return totals;
    }
}
