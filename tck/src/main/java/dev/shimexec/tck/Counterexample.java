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

    /**
     * The counterexample as a failure message: the implementation, the clause and its rule, the step
     * and what was expected and seen there, the shrunk scenario, and how to replay it.
     *
     * @param implementation the implementation's name
     * @param rule the clause's sentence under the run's profile
     * @param replay how to replay the scenario, such as a command line
     */
    public String explain(String implementation, String rule, String replay) {
        StringBuilder text = new StringBuilder()
                .append(implementation).append(" breaks ").append(clause.id()).append(" [").append(clause.level())
                .append("]: ").append(rule).append('\n')
                .append("  at step ").append(step).append(": expected ").append(expected).append('\n')
                .append("  but was: ").append(actual).append('\n')
                .append("  scenario (").append(originalLength).append(" steps before shrinking, seed ").append(seed)
                .append("):\n    ").append(scenario).append('\n');
        if (!timeline.isEmpty()) {
            text.append("  timeline:\n");
            timeline.forEach(line -> text.append("    ").append(line).append('\n'));
        }
        return text.append("  replay: ").append(replay).toString();
    }
}
