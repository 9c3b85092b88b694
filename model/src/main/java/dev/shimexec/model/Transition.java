package dev.shimexec.model;

import dev.shimexec.spec.Clause;
import java.util.Objects;

/**
 * One outcome the model allows for an input, the state it leads to, and the clause that demands it.
 *
 * @param outcome what the call returns
 * @param next the state afterwards
 * @param clause the clause this transition carries out; a disagreement with it is reported under
 *     this clause
 */
public record Transition(Outcome outcome, ModelState next, Clause clause) {

    public Transition {
        Objects.requireNonNull(outcome, "outcome must not be null");
        Objects.requireNonNull(next, "next must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
    }

    /** Whether an implementation's outcome agrees with this transition. */
    public boolean admits(Outcome actual) {
        return outcome.admits(actual);
    }

    /**
     * The state after this transition, once the implementation has shown {@code actual}: an exit status
     * the model left open is bound to the one shown.
     */
    public ModelState resolve(Outcome actual) {
        ExitCode shown = actual.exitStatus();
        return shown == null ? next : next.bind(shown.value());
    }
}
