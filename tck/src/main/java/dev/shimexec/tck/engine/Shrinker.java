package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import dev.shimexec.spec.Clause;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Shrinks a failing scenario to a minimal one that still breaks the same clause: it removes runs of
 * steps, halving their length down to single steps, until no single step can go, then tries the
 * plainest way to create the exec. Each try runs the candidate on a fresh exec.
 */
final class Shrinker {

    /** The most candidates one shrink may run. */
    static final int BUDGET = 300;

    private final Function<Scenario, SequenceRunner.Run> runner;

    /** A shrinker that tries candidates with {@code runner}. */
    Shrinker(Function<Scenario, SequenceRunner.Run> runner) {
        this.runner = runner;
    }

    /** The result of a shrink: the smallest failing scenario found, and its violation. */
    record Shrunk(Scenario scenario, Violation violation, int tries) {
    }

    /** Shrinks {@code failing}, which broke {@code violation}'s clause. */
    Shrunk shrink(Scenario failing, Violation violation) {
        Clause clause = violation.clause();
        Scenario best = failing;
        Violation bestViolation = violation;
        int tries = 0;
        boolean progress = true;
        while (progress && tries < BUDGET) {
            progress = false;
            for (int chunk = Math.max(1, best.steps().size() / 2); chunk >= 1 && tries < BUDGET; chunk /= 2) {
                for (int from = 0; from + chunk <= best.steps().size() && tries < BUDGET; ) {
                    List<Input> fewer = new ArrayList<>(best.steps());
                    fewer.subList(from, from + chunk).clear();
                    Scenario candidate = best.withSteps(fewer);
                    tries++;
                    Violation v = runner.apply(candidate).violation();
                    if (v != null && v.clause() == clause) {
                        best = candidate;
                        bestViolation = v;
                        progress = true;
                    } else {
                        from++;
                    }
                }
            }
        }
        for (Scenario plainer : List.of(new Scenario(false, best.stdin(), best.steps()),
                new Scenario(best.tty(), false, best.steps()))) {
            if (!plainer.equals(best) && tries < BUDGET) {
                tries++;
                Violation v = runner.apply(plainer).violation();
                if (v != null && v.clause() == clause) {
                    best = plainer;
                    bestViolation = v;
                }
            }
        }
        return new Shrunk(best, bestViolation, tries);
    }
}
