package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.Input;
import dev.shimexec.model.ModelState;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.KitConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The linearizability checker and the history checks on hand-made histories. A history here is built by
 * invoking and answering calls in the order the test writes them, so the real-time order of every
 * invocation and response is the order of the lines.
 */
class LinearizabilityTests {

    private static final ExecRequest REQUEST = new ExecRequest("task-1", "exec-1", false, false);
    private static final Instant EXITED_AT = Instant.parse("2026-12-03T10:00:00Z");

    private final Linearizability checker = new Linearizability(new ExecModel(Profile.STRICT));
    private final ConcurrencyChecks checks = new ConcurrencyChecks(KitConfig.defaults(), null);
    private final History history = new History();

    private History.Call invoke(String thread, Input input) {
        return history.invoke(thread, input);
    }

    private void answer(History.Call call, Object value) {
        history.respond(call, value, null);
    }

    private static ExecStatus exited(long exitStatus) {
        return new ExecStatus("task-1", "exec-1", "", 4001, TaskStatus.STOPPED, "", "", "", false, exitStatus,
                EXITED_AT);
    }

    private Linearizability.Result linearize() {
        return checker.check(ModelState.created(false, false), history.calls(), REQUEST.execId());
    }

    private Violation checkHistory() {
        history.freeze();
        ConcurrentScenario scenario = ConcurrentScenario.parse("concurrent(tty=false, stdin=false): [wait()]");
        ConcurrentRunner.Run run = new ConcurrentRunner.Run(scenario, REQUEST, history, null, false);
        ConcurrencyChecks.Finding finding = checks.check(run, clause -> { });
        return finding == null ? null : finding.violation();
    }

    @Test
    void overlappingWaitAndForceExitThatAgreeAreLinearizable() {
        answer(invoke("main", new Input.Start()), null);
        History.Call wait = invoke("t1", new Input.Wait());
        History.Call force = invoke("t2", new Input.ForceExit(3));
        answer(force, null);
        answer(wait, exited(3));
        answer(invoke("close", new Input.State()), ExecState.EXITED);

        Linearizability.Result result = linearize();

        assertTrue(result.decided());
        assertTrue(result.linearizable(), () -> "expected a linearization, but the search stuck at "
                + result.stuck() + " where the model allows " + result.expected());
        assertEquals(4, result.order().size());
        assertEquals(null, checkHistory());
    }

    @Test
    void racingForceExitsLinearizeWithEitherWinner() {
        answer(invoke("main", new Input.Start()), null);
        History.Call three = invoke("t1", new Input.ForceExit(3));
        History.Call five = invoke("t2", new Input.ForceExit(5));
        answer(three, null);
        answer(five, null);
        answer(invoke("close", new Input.Status()), exited(5));

        Linearizability.Result result = linearize();

        assertTrue(result.linearizable(), "expected forceExit(5) before forceExit(3) to explain exit status 5");
    }

    @Test
    void twoWaitsReturningDifferentExitStatusesAreNotLinearizableAndBreakConc2() {
        answer(invoke("main", new Input.Start()), null);
        History.Call first = invoke("w1", new Input.Wait());
        History.Call second = invoke("w2", new Input.Wait());
        History.Call force = invoke("t1", new Input.ForceExit(3));
        answer(force, null);
        answer(first, exited(3));
        answer(second, exited(5));

        Linearizability.Result result = linearize();
        Violation violation = checkHistory();

        assertFalse(result.linearizable(), "expected no linearization for waits that saw 3 and 5");
        assertEquals(second, result.stuck());
        assertEquals(Clause.CONC_2, violation.clause(), () -> "expected CONC-2, but was " + violation);
        assertEquals(second.index(), violation.step());
    }

    @Test
    void aWaitThatReturnsBeforeAnythingEndsTheExecBreaksConc7() {
        answer(invoke("main", new Input.Start()), null);
        answer(invoke("w1", new Input.Wait()), exited(3));
        answer(invoke("t1", new Input.ForceExit(3)), null);

        Linearizability.Result result = linearize();
        Violation violation = checkHistory();

        assertFalse(result.linearizable(), "expected no linearization for a wait that returned before forceExit");
        assertEquals(Clause.CONC_7, violation.clause(), () -> "expected CONC-7, but was " + violation);
        assertTrue(violation.expected().contains("wait blocks"), () -> "expected the model's outcome in '"
                + violation.expected() + "'");
    }

    @Test
    void anAgreedExitStatusThatNoRacingForceExitGaveBreaksConc4() {
        answer(invoke("main", new Input.Start()), null);
        History.Call three = invoke("t1", new Input.ForceExit(3));
        History.Call five = invoke("t2", new Input.ForceExit(5));
        answer(three, null);
        answer(five, null);
        answer(invoke("close", new Input.Status()), exited(4));

        Violation violation = checkHistory();

        assertEquals(Clause.CONC_4, violation.clause(), () -> "expected CONC-4, but was " + violation);
    }

    @Test
    void twoRacingStartsThatBothSucceedBreakConc7() {
        History.Call first = invoke("t1", new Input.Start());
        History.Call second = invoke("t2", new Input.Start());
        answer(first, null);
        answer(second, null);

        Linearizability.Result result = linearize();
        Violation violation = checkHistory();

        assertFalse(result.linearizable(), "expected no linearization for two starts that both succeeded");
        assertEquals(Clause.CONC_7, violation.clause(), () -> "expected CONC-7, but was " + violation);
        assertTrue(violation.expected().contains("FailedPrecondition"), () -> "expected the model's outcome in '"
                + violation.expected() + "'");
    }

    @Test
    void racingForceExitsWhoseObserversAgreeOnTheStatusButNotTheTimeBreakConc3NotConc4() {
        answer(invoke("main", new Input.Start()), null);
        History.Call three = invoke("t1", new Input.ForceExit(3));
        History.Call five = invoke("t2", new Input.ForceExit(5));
        History.Call wait = invoke("t3", new Input.Wait());
        answer(three, null);
        answer(five, null);
        answer(wait, exited(3));
        ExecStatus later = exited(3);
        answer(invoke("close", new Input.Status()), new ExecStatus("task-1", "exec-1", "", 4001, TaskStatus.STOPPED,
                "", "", "", false, 3, later.exitedAt().plusMillis(2)));

        Violation violation = checkHistory();

        assertEquals(Clause.CONC_3, violation.clause(), () -> "expected CONC-3, but was " + violation);
    }

    @Test
    void aStartRefusedForItsPreconditionDoesNotEndTheExec() {
        History.Call first = invoke("t1", new Input.Start());
        History.Call second = invoke("t2", new Input.Start());
        answer(first, null);
        history.respond(second, null, ExecException.invalidState("task-1", "exec-1", ExecState.RUNNING, "start"));

        assertFalse(ConcurrencyChecks.mayEndExec(second),
                "expected a start refused for its precondition not to count as one that may end the exec");
        assertEquals(null, checkHistory());
    }

    @Test
    void aWaitStillPendingImposesNothing() {
        answer(invoke("main", new Input.Start()), null);
        invoke("w1", new Input.Wait());
        answer(invoke("t1", new Input.Status()), new ExecStatus("task-1", "exec-1", "", 4001, TaskStatus.RUNNING,
                "", "", "", false, ExecStatus.NOT_EXITED, ExecStatus.ZERO_TIME));

        Linearizability.Result result = linearize();

        assertTrue(result.linearizable(), "expected a pending wait to be left out");
        assertEquals(2, result.order().size());
    }
}
