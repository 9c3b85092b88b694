package dev.shimexec.model;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ExecState;

/**
 * The abstract state of one exec, as the reference model tracks it.
 *
 * @param state the lifecycle state the exec reports
 * @param tty whether it was created with a tty
 * @param stdin whether it was created with an open stdin
 * @param stdinClosed whether closeIO(true) has closed that stdin
 * @param started whether a process was ever started (so the pid is positive)
 * @param startFails whether the environment will make the next start fail
 * @param pending while running: the exit the process is bound to make, not yet recorded (null: none).
 *     The model may record it at any moment; that is how a real process's asynchronous end is allowed
 *     to show up at any later step.
 * @param exit once exited: the recorded exit status (null before)
 * @param waiters how many waits are blocked in the background
 * @param cause the clause under which the pending or recorded exit was fixed (null before), so that a
 *     wrong exit status seen later is reported under the clause that set it
 */
public record ModelState(
        ExecState state,
        boolean tty,
        boolean stdin,
        boolean stdinClosed,
        boolean started,
        boolean startFails,
        ExitCode pending,
        ExitCode exit,
        int waiters,
        Clause cause) {

    /** A newly created exec. */
    public static ModelState created(boolean tty, boolean stdin) {
        return new ModelState(ExecState.CREATED, tty, stdin, false, false, false, null, null, 0, null);
    }

    /** Whether the exec is running with an exit on its way. */
    public boolean exiting() {
        return pending != null;
    }

    ModelState withState(ExecState newState) {
        return new ModelState(newState, tty, stdin, stdinClosed, started, startFails, pending, exit, waiters, cause);
    }

    ModelState withStdinClosed() {
        return new ModelState(state, tty, stdin, true, started, startFails, pending, exit, waiters, cause);
    }

    ModelState withStartFails() {
        return new ModelState(state, tty, stdin, stdinClosed, started, true, pending, exit, waiters, cause);
    }

    ModelState running() {
        return new ModelState(ExecState.RUNNING, tty, stdin, stdinClosed, true, false, pending, exit, waiters, cause);
    }

    ModelState withPending(ExitCode code, Clause why) {
        return new ModelState(state, tty, stdin, stdinClosed, started, startFails, code, exit, waiters, why);
    }

    ModelState withWaiter() {
        return new ModelState(state, tty, stdin, stdinClosed, started, startFails, pending, exit, waiters + 1, cause);
    }

    /** The exec exited with {@code code}: exit data recorded, every waiter released. */
    ModelState exited(ExitCode code, Clause why) {
        return new ModelState(ExecState.EXITED, tty, stdin, stdinClosed, started, false, null, code, 0, why);
    }

    /** This state with an {@link ExitCode#ANY} exit bound to what the implementation showed. */
    public ModelState bind(long exitStatus) {
        if (exit != null && !exit.isKnown()) {
            return new ModelState(state, tty, stdin, stdinClosed, started, startFails, pending,
                    ExitCode.of(exitStatus), waiters, cause);
        }
        return this;
    }

    /**
     * This state without the bookkeeping that does not change behaviour (the cause of an exit, waiters
     * beyond the first), so that a finite set of keys covers every behaviour the model has.
     */
    public ModelState behaviour() {
        return new ModelState(state, tty, stdin, stdinClosed, started, startFails, pending, exit,
                Math.min(waiters, 1), null);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(state.wireName());
        if (tty) {
            text.append(", tty");
        }
        if (stdin) {
            text.append(stdinClosed ? ", stdin closed" : ", stdin open");
        }
        if (startFails) {
            text.append(", start will fail");
        }
        if (pending != null) {
            text.append(", exiting with ").append(pending);
        }
        if (exit != null) {
            text.append(", exit ").append(exit);
        }
        if (waiters > 0) {
            text.append(", ").append(waiters).append(waiters == 1 ? " waiter" : " waiters");
        }
        return text.toString();
    }
}
