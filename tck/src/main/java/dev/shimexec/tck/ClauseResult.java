package dev.shimexec.tck;

import dev.shimexec.spec.Clause;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one clause.
 *
 * @param clause the clause
 * @param rule the clause's sentence under the run's profile
 * @param verdict the verdict
 * @param checks how many times the clause was checked
 * @param reason why the clause was not verified; null otherwise
 * @param counterexample the minimal counterexample, for a failure; null otherwise
 */
public record ClauseResult(
        Clause clause, String rule, Verdict verdict, long checks, String reason, Counterexample counterexample) {

    public ClauseResult {
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(verdict, "verdict must not be null");
        if (verdict == Verdict.FAIL && counterexample == null) {
            throw new IllegalArgumentException("a failure of " + clause.id() + " must carry its counterexample");
        }
        if (verdict == Verdict.NOT_VERIFIED && reason == null) {
            throw new IllegalArgumentException("an unverified " + clause.id() + " must carry its reason");
        }
    }

    /** The counterexample, for a failure. */
    public Optional<Counterexample> failure() {
        return Optional.ofNullable(counterexample);
    }
}
