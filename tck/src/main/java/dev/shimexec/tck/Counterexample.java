package dev.shimexec.tck;

import dev.shimexec.spec.Clause;
import java.util.List;
import java.util.Objects;

/**
 * The shortest scenario the kit found that breaks a clause, with what was expected and what happened.
 *
 * @param clause the clause broken
 * @param step the step, counted from 1, at which it broke (the last one, after shrinking)
 * @param expected what the clause or the model demanded at that step
 * @param actual what the implementation did
 * @param scenario the scenario in its replayable text form, as {@code --replay} takes it
 * @param timeline for a concurrent scenario, the history of invocations and responses, one line each;
 *     empty for a sequential one
 * @param seed the seed of the run that found it
 * @param originalLength how many steps the scenario had before shrinking
 */
public record Counterexample(
        Clause clause,
        int step,
        String expected,
        String actual,
        String scenario,
        List<String> timeline,
        long seed,
        int originalLength) {

    public Counterexample {
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(expected, "expected must not be null");
        Objects.requireNonNull(actual, "actual must not be null");
        Objects.requireNonNull(scenario, "scenario must not be null");
        timeline = List.copyOf(timeline);
    }
}
