package dev.shimexec.model;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reference state machine of the exec contract: a pure function from an abstract state and an
 * input to the outcomes the contract allows and the states they lead to.
 *
 * <p>Most inputs have one outcome. There are more where the contract leaves the timing open: a
 * running exec whose process is bound to end (it was killed, or its workload exited) may record that
 * exit at any moment, so every input on such an exec may see it still running or already exited.
 * {@link #step} returns both branches, and the kit follows the one the implementation shows.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExecModel {

    private final Profile profile;

    /** The model of {@code profile}'s reading of the contract. */
    public ExecModel(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile must not be null");
    }

    /** The profile this model follows. */
    public Profile profile() {
        return profile;
    }

    /** The first valid signal number. */
    public static final long FIRST_SIGNAL = 1;

    /** The last valid signal number (decision O11). */
    public static final long LAST_SIGNAL = 64;

    /**
     * The transitions the contract allows for {@code input} in {@code state}; never empty. When the
     * exec is exiting, the list holds the transitions both before and after the exit is recorded.
     */
    public List<Transition> step(ModelState state, Input input) {
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(input, "input must not be null");
        List<Transition> transitions = new ArrayList<>(2);
        transitions.add(apply(state, input));
        if (state.exiting()) {
            Transition afterExit = apply(settle(state), input);
            if (!transitions.contains(afterExit)) {
                transitions.add(afterExit);
            }
        }
        return List.copyOf(transitions);
    }

    /** {@code state} with its pending exit recorded; {@code state} itself if nothing is pending. */
    public ModelState settle(ModelState state) {
        return state.exiting() ? state.exited(state.pending(), state.cause()) : state;
    }

    /** The outcome {@code status()} has in {@code state}, before any pending exit is recorded. */
    public static Outcome.Status statusOf(ModelState state) {
        if (state.state() == ExecState.EXITED) {
            return new Outcome.Status(TaskStatus.STOPPED, state.exit(), true);
        }
        return new Outcome.Status(state.state().taskStatus(), ExitCode.of(ExecStatus.NOT_EXITED), false);
    }

    private Transition apply(ModelState s, Input input) {
        ExecState state = s.state();
        if (input instanceof Input.Id) {
            return new Transition(new Outcome.Id(true), s, Clause.ID_1);
        }
        if (input instanceof Input.Pid) {
            Clause clause = state == ExecState.CREATED ? Clause.PID_1
                    : state == ExecState.RUNNING ? Clause.PID_2 : Clause.PID_3;
            return new Transition(new Outcome.Pid(s.started()), s, clause);
        }
        if (input instanceof Input.State) {
            return new Transition(new Outcome.State(state), s, Clause.STATE_2);
        }
        if (input instanceof Input.Status) {
            Clause clause = state == ExecState.CREATED ? Clause.STATUS_4
                    : state == ExecState.RUNNING ? Clause.STATUS_2 : Clause.EXIT_3;
            return new Transition(statusOf(s), s, clause);
        }
        if (input instanceof Input.Start) {
            return start(s);
        }
        if (input instanceof Input.Kill kill) {
            return kill(s, kill.signal());
        }
        if (input instanceof Input.ResizePty) {
            return resize(s);
        }
        if (input instanceof Input.CloseIO close) {
            return closeIO(s, close.stdin());
        }
        if (input instanceof Input.Wait) {
            if (state == ExecState.EXITED) {
                return new Transition(new Outcome.Returned(s.exit(), true), s, Clause.WAIT_3);
            }
            return new Transition(new Outcome.Blocked(), s.withWaiter(), Clause.WAIT_1);
        }
        if (input instanceof Input.ForceExit force) {
            return forceExit(s, force.status());
        }
        if (input instanceof Input.WorkloadExit exit) {
            if (state == ExecState.RUNNING && !s.exiting()) {
                return ok(s.withPending(ExitCode.of(Integer.toUnsignedLong(exit.code())), Clause.EXIT_1), Clause.EXIT_1);
            }
            return ok(s, Clause.EXIT_1);
        }
        if (input instanceof Input.StartFailure) {
            return ok(state == ExecState.CREATED ? s.withStartFails() : s, Clause.START_4);
        }
        throw new IllegalArgumentException("unknown input: " + input);
    }

    private static Transition start(ModelState s) {
        switch (s.state()) {
            case CREATED:
                if (s.startFails()) {
                    return new Transition(new Outcome.Failed(null), s.exited(ExitCode.of(1), Clause.START_4), Clause.START_4);
                }
                ModelState running = s.running();
                if (s.stdin() && s.stdinClosed()) {
                    running = running.withPending(ExitCode.of(0), Clause.CLOSEIO_3);
                }
                return ok(running, Clause.START_1);
            case RUNNING:
                return failed(ErrorKind.FAILED_PRECONDITION, s, Clause.START_2);
            default:
                return failed(ErrorKind.FAILED_PRECONDITION, s, Clause.START_3);
        }
    }

    private Transition kill(ModelState s, long signal) {
        switch (s.state()) {
            case CREATED:
                if (profile == Profile.HCSSHIM) {
                    return ok(s.exited(ExitCode.of(1), Clause.KILL_2), Clause.KILL_2);
                }
                return failed(ErrorKind.FAILED_PRECONDITION, s, Clause.KILL_2);
            case RUNNING:
                if (signal < FIRST_SIGNAL || signal > LAST_SIGNAL) {
                    return failed(ErrorKind.FAILED_PRECONDITION, s, Clause.KILL_6);
                }
                return ok(s.withPending(ExitCode.ANY, Clause.KILL_5), Clause.KILL_1);
            default:
                return failed(ErrorKind.NOT_FOUND, s, Clause.KILL_3);
        }
    }

    private Transition resize(ModelState s) {
        if (s.state() == ExecState.RUNNING) {
            return s.tty() ? ok(s, Clause.RESIZE_3) : failed(ErrorKind.FAILED_PRECONDITION, s, Clause.RESIZE_1);
        }
        if (s.tty()) {
            return ok(s, Clause.RESIZE_2);
        }
        return profile == Profile.HCSSHIM
                ? failed(ErrorKind.FAILED_PRECONDITION, s, Clause.RESIZE_4)
                : ok(s, Clause.RESIZE_4);
    }

    private static Transition closeIO(ModelState s, boolean stdin) {
        if (!stdin || !s.stdin()) {
            return ok(s, Clause.CLOSEIO_1);
        }
        if (s.stdinClosed()) {
            return ok(s, Clause.CLOSEIO_2);
        }
        ModelState closed = s.withStdinClosed();
        if (s.state() == ExecState.RUNNING && !s.exiting()) {
            closed = closed.withPending(ExitCode.of(0), Clause.CLOSEIO_3);
        }
        return ok(closed, Clause.CLOSEIO_3);
    }

    private Transition forceExit(ModelState s, int status) {
        ExitCode code = ExitCode.of(ExecStatus.exitStatusOf(status));
        switch (s.state()) {
            case CREATED:
                Clause created = status < 0 ? Clause.FORCE_6 : Clause.FORCE_1;
                return ok(s.exited(code, created), created);
            case RUNNING:
                if (profile == Profile.HCSSHIM) {
                    return ok(s.withPending(ExitCode.ANY, Clause.FORCE_2), Clause.FORCE_2);
                }
                Clause running = status < 0 ? Clause.FORCE_6 : Clause.FORCE_2;
                return ok(s.exited(code, running), running);
            default:
                return ok(s, Clause.FORCE_4);
        }
    }

    private static Transition ok(ModelState next, Clause clause) {
        return new Transition(new Outcome.Ok(), next, clause);
    }

    private static Transition failed(ErrorKind kind, ModelState next, Clause clause) {
        return new Transition(new Outcome.Failed(kind), next, clause);
    }
}
