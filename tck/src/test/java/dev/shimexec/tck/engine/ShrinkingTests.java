package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.spec.Clause;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.broken.SequentialFaults;
import dev.shimexec.tck.support.ReferenceProvider;
import org.junit.jupiter.api.Test;

class ShrinkingTests {

    @Test
    void aLongFailingScenarioShrinksToTheStepsThatBreakTheClause() {
        KitConfig config = KitConfig.defaults();
        try (CallGuard guard = new CallGuard(config.callTimeout())) {
            SequenceRunner runner = new SequenceRunner(new SequentialFaults.KillAfterExitSucceeds(), config, guard);
            Scenario failing = Scenario.parse("create(tty=true, stdin=true); status(); start(); resizePty(120, 30);"
                    + " closeIO(false); pid(); exit(123); wait(); status(); closeIO(true); kill(9)");
            SequenceRunner.Run run = runner.run(failing, clause -> { });

            Shrinker.Shrunk shrunk = new Shrinker(candidate -> runner.run(candidate, clause -> { })).shrink(failing,
                    run.violation());

            assertEquals(Clause.KILL_3, run.violation().clause());
            assertEquals(Clause.KILL_3, shrunk.violation().clause());
            assertTrue(shrunk.scenario().steps().size() <= 4, shrunk.scenario().text());
            for (int i = 0; i < shrunk.scenario().steps().size(); i++) {
                java.util.List<dev.shimexec.model.Input> fewer = new java.util.ArrayList<>(shrunk.scenario().steps());
                fewer.remove(i);
                SequenceRunner.Run shorter = runner.run(shrunk.scenario().withSteps(fewer), clause -> { });
                int removed = i;
                assertTrue(!shorter.failed() || shorter.violation().clause() != Clause.KILL_3,
                        () -> "step " + (removed + 1) + " of " + shrunk.scenario().text() + " could go too");
            }
        }
    }

    @Test
    void theReferenceExecPassesEveryScenarioOfTheReports() {
        KitConfig config = KitConfig.defaults();
        try (CallGuard guard = new CallGuard(config.callTimeout())) {
            SequenceRunner runner = new SequenceRunner(new ReferenceProvider(), config, guard);

            for (Regressions.Case report : Regressions.CASES) {
                SequenceRunner.Run run = runner.run(report.parsed(), clause -> { });

                assertTrue(!run.failed(), () -> report.id() + " breaks " + run.violation());
            }
        }
    }
}
