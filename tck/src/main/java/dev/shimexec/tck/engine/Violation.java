package dev.shimexec.tck.engine;

import dev.shimexec.spec.Clause;
import java.util.Objects;

/**
 * A clause broken at one step of a scenario.
 *
 * @param clause the clause broken
 * @param step the step, counted from 1; a step past the scenario's last is its closing look
 * @param call the call at that step, in text form
 * @param expected what the clause or the model demanded
 * @param actual what the implementation did
 */
public record Violation(Clause clause, int step, String call, String expected, String actual) {

    public Violation {
        Objects.requireNonNull(clause, "clause must not be null");
    }
}
