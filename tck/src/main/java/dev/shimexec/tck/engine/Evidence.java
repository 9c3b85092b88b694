package dev.shimexec.tck.engine;

import dev.shimexec.spec.Clause;
import dev.shimexec.tck.Counterexample;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run has learned about each clause: how often it was checked, and the first counterexample.
 * Thread-safe.
 */
public final class Evidence {

    private final Map<Clause, Long> checks = new EnumMap<>(Clause.class);
    private final Map<Clause, Counterexample> failures = new EnumMap<>(Clause.class);
    private final Map<Clause, String> blocked = new EnumMap<>(Clause.class);

    /** {@code clause} was checked once more, and held. */
    public synchronized void checked(Clause clause) {
        checks.merge(clause, 1L, Long::sum);
    }

    /** {@code clause} was broken; the first counterexample found is kept. */
    public synchronized void failed(Counterexample counterexample) {
        checks.merge(counterexample.clause(), 1L, Long::sum);
        failures.putIfAbsent(counterexample.clause(), counterexample);
    }

    /** {@code clause} cannot be checked on this implementation, for {@code reason}. */
    public synchronized void cannotCheck(Clause clause, String reason) {
        blocked.putIfAbsent(clause, reason);
    }

    /** Whether a counterexample for {@code clause} is already known. */
    public synchronized boolean hasFailure(Clause clause) {
        return failures.containsKey(clause);
    }

    public synchronized long checks(Clause clause) {
        return checks.getOrDefault(clause, 0L);
    }

    public synchronized Optional<Counterexample> failure(Clause clause) {
        return Optional.ofNullable(failures.get(clause));
    }

    public synchronized Optional<String> reasonUnchecked(Clause clause) {
        return Optional.ofNullable(blocked.get(clause));
    }
}
