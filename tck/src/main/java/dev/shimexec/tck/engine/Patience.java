package dev.shimexec.tck.engine;

import dev.shimexec.spec.Clause;
import java.time.Duration;

/**
 * How long a scenario waits for something a clause promises (a wait to return, a waiter to be
 * released, an exit to come), given the full wait the clause allows.
 */
@FunctionalInterface
interface Patience {

    /** How long to wait for what {@code clause} promises, where the clause allows {@code full}. */
    Duration limit(Clause clause, Duration full);

    /**
     * Whether it waits less than {@code full} for what {@code clause} promises: for a clause already
     * broken, say, whose failure a longer wait could not undo.
     */
    default boolean waitsLess(Clause clause, Duration full) {
        return limit(clause, full).compareTo(full) < 0;
    }

    /** The full wait, always. */
    static Patience full() {
        return (clause, full) -> full;
    }

    /**
     * The full wait until {@code evidence} holds a counterexample for the clause; then hardly any,
     * since the verdict on that clause is given and waiting again would only slow the run down.
     */
    static Patience untilBroken(Evidence evidence) {
        return (clause, full) -> evidence.hasFailure(clause) ? Duration.ofMillis(1) : full;
    }

    /** At most {@code cap}: for shrinking, where each candidate that still fails pays the wait. */
    static Patience atMost(Duration cap) {
        return (clause, full) -> full.compareTo(cap) > 0 ? cap : full;
    }
}
