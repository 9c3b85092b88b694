package dev.shimexec.tck.broken;

import static dev.shimexec.spec.Profile.STRICT;

import dev.shimexec.spec.Clause;
import dev.shimexec.tck.broken.concurrency.DoubleStartProvider;
import dev.shimexec.tck.broken.concurrency.DoubleWinnerProvider;
import dev.shimexec.tck.broken.concurrency.DrainingWaitProvider;
import dev.shimexec.tck.broken.concurrency.FirstWaiterOnlyProvider;
import dev.shimexec.tck.broken.concurrency.LockOrderDeadlockProvider;
import dev.shimexec.tck.broken.concurrency.RestampedWaitersProvider;
import dev.shimexec.tck.broken.concurrency.SilentForceExitProvider;
import dev.shimexec.tck.broken.concurrency.StuckLateWaitProvider;
import dev.shimexec.tck.broken.concurrency.TornExitProvider;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ExecProvider;
import java.util.ArrayList;
import java.util.List;

/** Every deliberately broken implementation the kit's own tests must see rejected. */
public final class BrokenProviders {

    private BrokenProviders() {
    }

    /** The sequential faults, one or more per clause the sequential scenarios check. */
    public static List<Broken> sequential() {
        return List.of(
                broken(Clause.ID_1, SequentialFaults.IdIsTaskId.class, null),
                broken(Clause.PID_1, SequentialFaults.PidBeforeStart.class, null),
                broken(Clause.PID_2, SequentialFaults.NoPidWhileRunning.class, null),
                broken(Clause.PID_3, SequentialFaults.PidResetAfterExit.class, "R4"),
                broken(Clause.PID_4, SequentialFaults.StatusPidDiffers.class, null),
                broken(Clause.STATE_1, SequentialFaults.StateThrowsWhenExited.class, null),
                broken(Clause.STATE_2, SequentialFaults.StateGoesBack.class, null),
                broken(Clause.STATE_3, SequentialFaults.UnknownStatusWhenExited.class, null),
                broken(Clause.STATUS_1, SequentialFaults.StatusThrowsWhenCreated.class, null),
                broken(Clause.STATUS_2, SequentialFaults.ZeroExitWhileRunning.class, null),
                broken(Clause.STATUS_3, SequentialFaults.ExitTimeWhileRunning.class, null),
                broken(Clause.STATUS_4, SequentialFaults.ZeroExitWhileCreated.class, null),
                broken(Clause.STATUS_5, SequentialFaults.ExitTimeWhileCreated.class, null),
                broken(Clause.STATUS_6, SequentialFaults.StatusExecIdIsTaskId.class, null),
                broken(Clause.STATUS_7, SequentialFaults.TerminalAlwaysFalse.class, null),
                broken(Clause.EXIT_1, SequentialFaults.ExitCodeLost.class, "R7"),
                broken(Clause.EXIT_2, SequentialFaults.ExitTimeIsEpoch.class, "R5"),
                broken(Clause.EXIT_3, SequentialFaults.ExitTimeRestamped.class, null),
                broken(Clause.START_1, SequentialFaults.StartRefused.class, null),
                broken(Clause.START_2, SequentialFaults.SecondStartAccepted.class, null),
                broken(Clause.START_3, SequentialFaults.StartAfterExitAccepted.class, null),
                broken(Clause.START_4, SequentialFaults.FailedStartStaysCreated.class, null),
                broken(Clause.KILL_1, SequentialFaults.TermRefused.class, null),
                broken(Clause.KILL_2, SequentialFaults.KillInCreatedExits.class, "R8"),
                broken(Clause.KILL_3, SequentialFaults.KillAfterExitSucceeds.class, null),
                broken(Clause.KILL_4, SequentialFaults.KillAfterExitAccessDenied.class, "R3"),
                broken(Clause.KILL_5, SequentialFaults.KillDeliversNothing.class, null),
                broken(Clause.KILL_6, SequentialFaults.InvalidSignalAccepted.class, null),
                broken(Clause.RESIZE_1, SequentialFaults.ResizeWithoutTtyAccepted.class, null),
                broken(Clause.RESIZE_2, SequentialFaults.ResizeAfterExitFails.class, "R1"),
                broken(Clause.RESIZE_3, SequentialFaults.ResizeOfLiveTtyFails.class, null),
                broken(Clause.RESIZE_4, SequentialFaults.ResizeTtyCheckFirst.class, null),
                broken(Clause.CLOSEIO_1, SequentialFaults.CloseBeforeStartFails.class, "R6"),
                broken(Clause.CLOSEIO_2, SequentialFaults.SecondCloseFails.class, null),
                broken(Clause.CLOSEIO_3, SequentialFaults.StdinNeverClosed.class, null),
                broken(Clause.WAIT_1, SequentialFaults.WaitReturnsEarly.class, null),
                broken(Clause.WAIT_2, SequentialFaults.WaitWithoutExitTime.class, null),
                broken(Clause.WAIT_3, SequentialFaults.LateWaitIsSlow.class, null),
                broken(Clause.WAIT_4, SequentialFaults.RepeatedWaitRestamped.class, "R2"),
                broken(Clause.FORCE_1, SequentialFaults.ForceOnCreatedRecordsZero.class, null),
                broken(Clause.FORCE_2, SequentialFaults.ForceOnRunningRecordsOne.class, null),
                broken(Clause.FORCE_3, SequentialFaults.ForceReleasesNoWaiter.class, "R9"),
                broken(Clause.FORCE_4, SequentialFaults.ForceAfterExitRewrites.class, "R10"),
                broken(Clause.FORCE_5, SequentialFaults.ForceAfterExitFails.class, null),
                broken(Clause.FORCE_6, SequentialFaults.NegativeForceClamped.class, null),
                broken(Clause.ERR_1, SequentialFaults.TerseErrors.class, null));
    }

    /** Every broken implementation, sequential and concurrent. */
    public static List<Broken> all() {
        List<Broken> all = new ArrayList<>(sequential());
        all.addAll(concurrent());
        return List.copyOf(all);
    }

    /** The concurrency faults. */
    public static List<Broken> concurrent() {
        return List.of(
                broken(Clause.CONC_1, FirstWaiterOnlyProvider.class, null),
                broken(Clause.CONC_1, StuckLateWaitProvider.class, "R2"),
                broken(Clause.CONC_2, RestampedWaitersProvider.class, null),
                broken(Clause.CONC_3, TornExitProvider.class, null),
                broken(Clause.CONC_4, DoubleWinnerProvider.class, null),
                broken(Clause.CONC_5, DrainingWaitProvider.class, null),
                broken(Clause.CONC_6, LockOrderDeadlockProvider.class, null),
                broken(Clause.CONC_7, DoubleStartProvider.class, null),
                broken(Clause.FORCE_3, SilentForceExitProvider.class, "R9"));
    }

    private static Broken broken(Clause clause, Class<? extends ExecProvider> provider, String report) {
        return broken(clause, STRICT, provider, report);
    }

    private static Broken broken(Clause clause, Profile profile, Class<? extends ExecProvider> provider,
                                 String report) {
        return new Broken(provider.getSimpleName(), clause, profile, provider, report);
    }
}
