package dev.shimexec.model;

import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.ShimExec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory exec that does exactly what the {@link ExecModel reference model} says, with real ids,
 * pids and times. It runs no process: its "workload" ends when {@link #exitWorkload(int)} is called.
 * Shim authors can use it as a test double for an exec; the kit uses it as its reference
 * implementation.
 *
 * <h2>Concurrency</h2>
 *
 * <p>Thread-safe. Every call takes one lock per exec for the length of one model step, so calls are
 * linearizable in the order they take the lock: of two racing {@code forceExit} calls the first to
 * take the lock wins, and the other finds the exec exited and changes nothing. Exit data is written
 * under the lock in one step, together with the state. The thread whose call records the exit
 * releases every waiter before it returns; {@link #awaitExit()} waits on a condition of that lock, so
 * a waiter that comes after the exit never blocks.
 *
 * <p>The model's open timing (a process that ends some time after it was killed) is closed here: the
 * exec records every exit in the same step that causes it. A kill with signal {@code n} records exit
 * status {@code 128 + n}, the way a POSIX shell reports a death by signal.
 */
public final class ReferenceExec implements ShimExec {

    private static final AtomicInteger NEXT_PID = new AtomicInteger(4000);

    private final ExecModel model;
    private final String taskId;
    private final String execId;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition exited = lock.newCondition();

    private ModelState state;
    private int pid;
    private Instant exitedAt = ExecStatus.ZERO_TIME;
    private long lastSignal;

    /**
     * A created exec.
     *
     * @param profile the reading of the contract to follow, not null
     * @param taskId the task id, not null
     * @param execId the exec id, not null
     * @param tty whether the exec has a tty
     * @param stdin whether the exec has an open stdin
     */
    public ReferenceExec(Profile profile, String taskId, String execId, boolean tty, boolean stdin) {
        this(profile, taskId, execId, tty, stdin, Clock.systemUTC());
    }

    /** As {@link #ReferenceExec(Profile, String, String, boolean, boolean)}, with the clock to stamp exits. */
    public ReferenceExec(Profile profile, String taskId, String execId, boolean tty, boolean stdin, Clock clock) {
        this.model = new ExecModel(profile);
        this.taskId = Objects.requireNonNull(taskId, "taskId must not be null");
        this.execId = Objects.requireNonNull(execId, "execId must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.state = ModelState.created(tty, stdin);
    }

    @Override
    public String id() {
        return execId;
    }

    @Override
    public int pid() {
        lock.lock();
        try {
            return pid;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ExecState state() {
        lock.lock();
        try {
            return state.state();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ExecStatus status() {
        lock.lock();
        try {
            return snapshot();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        perform(new Input.Start(), "start");
    }

    @Override
    public void kill(long signal) {
        lock.lock();
        try {
            lastSignal = signal;
            perform(new Input.Kill(signal), "kill");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resizePty(long width, long height) {
        perform(new Input.ResizePty(width, height), "resizePty");
    }

    @Override
    public void closeIO(boolean stdin) {
        perform(new Input.CloseIO(stdin), "closeIO");
    }

    @Override
    public ExecStatus awaitExit() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (state.state() != ExecState.EXITED) {
                exited.await();
            }
            return snapshot();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forceExit(int status) {
        perform(new Input.ForceExit(status), "forceExit");
    }

    /** The environment: the workload ends by itself with {@code code}, if it is running. */
    public void exitWorkload(int code) {
        perform(new Input.WorkloadExit(code), "exit");
    }

    /** The environment: the next {@link #start()} cannot start the process. */
    public void failNextStart() {
        perform(new Input.StartFailure(), "failNextStart");
    }

    /** The model state this exec is in; for tests and diagnostics. */
    public ModelState modelState() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    private void perform(Input input, String operation) {
        lock.lock();
        try {
            ExecState before = state.state();
            List<Transition> allowed = model.step(state, input);
            Transition taken = allowed.get(0);
            ModelState next = model.settle(taken.next());
            if (next.started() && !state.started()) {
                pid = NEXT_PID.incrementAndGet();
            }
            if (next.state() == ExecState.EXITED && before != ExecState.EXITED) {
                if (next.exit() != null && !next.exit().isKnown()) {
                    next = next.bind(exitStatusOfDeath(input));
                }
                exitedAt = clock.instant();
                state = next;
                exited.signalAll();
            } else {
                state = next;
            }
            if (taken.outcome() instanceof Outcome.Failed failed) {
                if (failed.kind() == null) {
                    throw new ExecException(dev.shimexec.spec.ErrorKind.UNKNOWN,
                            "exec: '" + execId + "' in task: '" + taskId + "' could not start its process");
                }
                throw before == ExecState.EXITED && failed.kind() == dev.shimexec.spec.ErrorKind.NOT_FOUND
                        ? ExecException.exited(taskId, execId, operation)
                        : new ExecException(failed.kind(), invalidStateMessage(before, operation));
            }
        } finally {
            lock.unlock();
        }
    }

    private String invalidStateMessage(ExecState before, String operation) {
        return ExecException.invalidState(taskId, execId, before, operation).getMessage();
    }

    private long exitStatusOfDeath(Input cause) {
        if (cause instanceof Input.Kill) {
            return 128 + lastSignal;
        }
        return 1;
    }

    private ExecStatus snapshot() {
        boolean hasExited = state.state() == ExecState.EXITED;
        return new ExecStatus(taskId, execId, "", pid, state.state().taskStatus(), "", "", "", state.tty(),
                hasExited ? state.exit().value() : ExecStatus.NOT_EXITED, exitedAt);
    }
}
