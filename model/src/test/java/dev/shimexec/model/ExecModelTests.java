package dev.shimexec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecModelTests {

    private final ExecModel strict = new ExecModel(Profile.STRICT);
    private final ExecModel hcsshim = new ExecModel(Profile.HCSSHIM);

    private static ModelState run(ExecModel model, ModelState state, Input... inputs) {
        for (Input input : inputs) {
            state = model.step(state, input).get(0).next();
        }
        return state;
    }

    @Test
    void startMovesCreatedToRunningAndASecondStartIsAFailedPrecondition() {
        ModelState created = ModelState.created(false, false);

        Transition first = strict.step(created, new Input.Start()).get(0);
        Transition second = strict.step(first.next(), new Input.Start()).get(0);

        assertEquals(ExecState.RUNNING, first.next().state());
        assertEquals(new Outcome.Failed(ErrorKind.FAILED_PRECONDITION), second.outcome());
        assertEquals(Clause.START_2, second.clause());
    }

    @Test
    void killOnCreatedIsRefusedUnderStrictAndEndsTheExecUnderHcsshim() {
        ModelState created = ModelState.created(false, false);

        Transition underStrict = strict.step(created, new Input.Kill(9)).get(0);
        Transition underHcsshim = hcsshim.step(created, new Input.Kill(9)).get(0);

        assertEquals(new Outcome.Failed(ErrorKind.FAILED_PRECONDITION), underStrict.outcome());
        assertEquals(ExecState.CREATED, underStrict.next().state());
        assertEquals(new Outcome.Ok(), underHcsshim.outcome());
        assertEquals(ExitCode.of(1), underHcsshim.next().exit());
    }

    @Test
    void aPendingExitMayOrMayNotHaveBeenRecordedWhenTheNextCallComes() {
        ModelState exiting = run(strict, ModelState.created(false, false), new Input.Start(), new Input.Kill(9));

        List<Transition> kill = strict.step(exiting, new Input.Kill(9));

        assertTrue(exiting.exiting());
        assertEquals(List.of(new Outcome.Ok(), new Outcome.Failed(ErrorKind.NOT_FOUND)),
                kill.stream().map(Transition::outcome).toList());
    }

    @Test
    void forceExitRecordsTheUnsignedStatusReleasesWaitersAndLaterForcesChangeNothing() {
        ModelState waiting = run(strict, ModelState.created(false, false), new Input.Start(), new Input.Wait());

        ModelState forced = run(strict, waiting, new Input.ForceExit(-1));
        ModelState forcedAgain = run(strict, forced, new Input.ForceExit(7));

        assertEquals(1, waiting.waiters());
        assertEquals(ExitCode.of(4294967295L), forced.exit());
        assertEquals(0, forced.waiters());
        assertEquals(Clause.FORCE_6, forced.cause());
        assertEquals(forced, forcedAgain);
    }

    @Test
    void hcsshimForceExitOnRunningLeavesTheExitToTheProcess() {
        ModelState running = run(hcsshim, ModelState.created(false, false), new Input.Start());

        ModelState forced = run(hcsshim, running, new Input.ForceExit(7));

        assertEquals(ExecState.RUNNING, forced.state());
        assertEquals(ExitCode.ANY, forced.pending());
        assertEquals(ExitCode.ANY, hcsshim.settle(forced).exit());
    }

    @Test
    void statusReports255AndZeroTimeUntilExitAndTheWorkloadCodeAfter() {
        ModelState running = run(strict, ModelState.created(false, false), new Input.Start());
        ModelState exited = strict.settle(run(strict, running, new Input.WorkloadExit(123)));

        assertEquals(new Outcome.Status(TaskStatus.RUNNING, ExitCode.of(255), false), ExecModel.statusOf(running));
        assertEquals(new Outcome.Status(TaskStatus.STOPPED, ExitCode.of(123), true), ExecModel.statusOf(exited));
        assertEquals(Clause.EXIT_1, exited.cause());
    }

    @Test
    void closingStdinBeforeStartMakesTheWorkloadEndWithZeroOnceStarted() {
        ModelState closed = run(strict, ModelState.created(false, true), new Input.CloseIO(true));

        ModelState started = run(strict, closed, new Input.Start());

        assertEquals(ExitCode.of(0), started.pending());
        assertEquals(Clause.CLOSEIO_3, started.cause());
    }

    @Test
    void resizeWithoutTtyOutsideRunningIsIgnoredUnderStrictAndRefusedUnderHcsshim() {
        ModelState created = ModelState.created(false, false);

        Outcome underStrict = strict.step(created, new Input.ResizePty(80, 24)).get(0).outcome();
        Outcome underHcsshim = hcsshim.step(created, new Input.ResizePty(80, 24)).get(0).outcome();

        assertEquals(new Outcome.Ok(), underStrict);
        assertEquals(new Outcome.Failed(ErrorKind.FAILED_PRECONDITION), underHcsshim);
    }

    @Test
    void anExitStatusTheModelLeavesOpenIsBoundToTheFirstOneShown() {
        ModelState killed = strict.settle(run(strict, ModelState.created(false, false), new Input.Start(),
                new Input.Kill(9)));
        Transition status = strict.step(killed, new Input.Status()).get(0);
        Outcome shown = new Outcome.Status(TaskStatus.STOPPED, ExitCode.of(137), true);

        ModelState bound = status.resolve(shown);

        assertTrue(status.admits(shown));
        assertEquals(ExitCode.of(137), bound.exit());
        assertTrue(!strict.step(bound, new Input.Status()).get(0)
                .admits(new Outcome.Status(TaskStatus.STOPPED, ExitCode.of(9), true)));
    }

    @Test
    void inputsReadBackFromTheirTextForm() {
        for (Input input : Input.alphabet()) {
            assertEquals(input, Input.parse(input.text()));
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Input.parse("kil(9)"));
        assertTrue(error.getMessage().contains("kil"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Input.parse("kill(-1)"));
    }
}
