package dev.shimexec.tck.broken;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.ExecRequest;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broken implementations, one fault each, for every clause the sequential scenarios check. Each is
 * named after what it does wrong; {@link BrokenProviders} says which clause each breaks.
 */
public final class SequentialFaults {

    private SequentialFaults() {
    }

    private static boolean running(DelegatingExec exec) {
        return exec.reference.state() == ExecState.RUNNING;
    }

    private static boolean created(DelegatingExec exec) {
        return exec.reference.state() == ExecState.CREATED;
    }

    /** id() returns the task id. */
    public static final class IdIsTaskId extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public String id() {
                    return request.taskId();
                }
            };
        }
    }

    /** pid() and status().pid are 1 before start. */
    public static final class PidBeforeStart extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public int pid() {
                    return created(this) ? 1 : reference.pid();
                }

                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.CREATED ? with(s, 1, s.exitStatus(), s.exitedAt()) : s;
                }
            };
        }
    }

    /** pid() and status().pid stay 0 while running. */
    public static final class NoPidWhileRunning extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public int pid() {
                    return reference.state() == ExecState.RUNNING ? 0 : reference.pid();
                }

                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.RUNNING ? with(s, 0, s.exitStatus(), s.exitedAt()) : s;
                }
            };
        }
    }

    /** The pid is reset to 0 once the exec has exited (public report R4). */
    public static final class PidResetAfterExit extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public int pid() {
                    return exited() ? 0 : reference.pid();
                }

                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.STOPPED ? with(s, 0, s.exitStatus(), s.exitedAt()) : s;
                }
            };
        }
    }

    /** status().pid is one more than pid() once started. */
    public static final class StatusPidDiffers extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public int pid() {
                    return reference.pid() == 0 ? 0 : reference.pid() + 1;
                }
            };
        }
    }

    /** state() throws once the exec has exited. */
    public static final class StateThrowsWhenExited extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecState state() {
                    if (exited()) {
                        throw new IllegalStateException("process handle closed");
                    }
                    return reference.state();
                }
            };
        }
    }

    /** state() says running again on every read after the first that said exited. */
    public static final class StateGoesBack extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private boolean exitReported;

                @Override
                public synchronized ExecState state() {
                    ExecState state = reference.state();
                    if (state == ExecState.EXITED && exitReported) {
                        return ExecState.RUNNING;
                    }
                    exitReported |= state == ExecState.EXITED;
                    return state;
                }
            };
        }
    }

    /** status().status is UNKNOWN once exited. */
    public static final class UnknownStatusWhenExited extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    if (s.status() != TaskStatus.STOPPED) {
                        return s;
                    }
                    return new ExecStatus(s.taskId(), s.execId(), s.bundle(), s.pid(), TaskStatus.UNKNOWN, s.stdin(),
                            s.stdout(), s.stderr(), s.terminal(), s.exitStatus(), s.exitedAt());
                }
            };
        }
    }

    /** status() throws while the exec is created. */
    public static final class StatusThrowsWhenCreated extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    if (created(this)) {
                        throw new ExecException(ErrorKind.NOT_FOUND, "no process yet");
                    }
                    return reference.status();
                }
            };
        }
    }

    /** Exit status 0 while running, as runc's exec reports it. */
    public static final class ZeroExitWhileRunning extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.RUNNING ? with(s, s.pid(), 0, s.exitedAt()) : s;
                }
            };
        }
    }

    /** exited-at is stamped with the current time while running. */
    public static final class ExitTimeWhileRunning extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.RUNNING ? with(s, s.pid(), s.exitStatus(), Instant.now()) : s;
                }
            };
        }
    }

    /** Exit status 0 while created (decision O5). */
    public static final class ZeroExitWhileCreated extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.CREATED ? with(s, s.pid(), 0, s.exitedAt()) : s;
                }
            };
        }
    }

    /** exited-at is stamped with the creation time while created. */
    public static final class ExitTimeWhileCreated extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            Instant createdAt = Instant.now();
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.CREATED ? with(s, s.pid(), s.exitStatus(), createdAt) : s;
                }
            };
        }
    }

    /** status().execId carries the task id. */
    public static final class StatusExecIdIsTaskId extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return new ExecStatus(s.taskId(), s.taskId(), s.bundle(), s.pid(), s.status(), s.stdin(),
                            s.stdout(), s.stderr(), s.terminal(), s.exitStatus(), s.exitedAt());
                }
            };
        }
    }

    /** status().terminal is always false. */
    public static final class TerminalAlwaysFalse extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return new ExecStatus(s.taskId(), s.execId(), s.bundle(), s.pid(), s.status(), s.stdin(),
                            s.stdout(), s.stderr(), false, s.exitStatus(), s.exitedAt());
                }
            };
        }
    }

    /** The workload's exit code is lost and 0 recorded (public report R7). */
    public static final class ExitCodeLost extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void exitWorkload(int code) {
                    reference.exitWorkload(0);
                }
            };
        }
    }

    /** exited-at is the Unix epoch (public report R5). */
    public static final class ExitTimeIsEpoch extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus status() {
                    return epoch(reference.status());
                }

                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    return epoch(reference.awaitExit());
                }

                private ExecStatus epoch(ExecStatus s) {
                    return s.status() == TaskStatus.STOPPED ? with(s, s.pid(), s.exitStatus(), Instant.EPOCH) : s;
                }
            };
        }
    }

    /** Every status() after exit is stamped anew with the time it is read. */
    public static final class ExitTimeRestamped extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private final AtomicLong reads = new AtomicLong();

                @Override
                public ExecStatus status() {
                    ExecStatus s = reference.status();
                    return s.status() == TaskStatus.STOPPED
                            ? with(s, s.pid(), s.exitStatus(), s.exitedAt().plusNanos(reads.incrementAndGet()))
                            : s;
                }
            };
        }
    }

    /** start() fails on a created exec. */
    public static final class StartRefused extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private boolean startFails;

                @Override
                public void failNextStart() {
                    startFails = true;
                    reference.failNextStart();
                }

                @Override
                public void start() {
                    if (created(this) && !startFails) {
                        throw new ExecException(ErrorKind.UNAVAILABLE, "runtime busy");
                    }
                    reference.start();
                }
            };
        }
    }

    /** A second start() on a running exec succeeds. */
    public static final class SecondStartAccepted extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void start() {
                    if (!running(this)) {
                        reference.start();
                    }
                }
            };
        }
    }

    /** start() on an exited exec succeeds and does nothing. */
    public static final class StartAfterExitAccepted extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void start() {
                    if (!exited()) {
                        reference.start();
                    }
                }
            };
        }
    }

    /** A start that cannot start the process leaves the exec created. */
    public static final class FailedStartStaysCreated extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private boolean startFails;

                @Override
                public void failNextStart() {
                    startFails = created(this);
                }

                @Override
                public void start() {
                    if (startFails && created(this)) {
                        startFails = false;
                        throw new ExecException(ErrorKind.UNKNOWN, "executable not found");
                    }
                    reference.start();
                }
            };
        }
    }

    /** kill(15) on a running exec is refused as unsupported. */
    public static final class TermRefused extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void kill(long signal) {
                    if (signal == 15 && running(this)) {
                        throw ExecException.invalidState(request.taskId(), request.execId(), ExecState.RUNNING,
                                "kill");
                    }
                    reference.kill(signal);
                }
            };
        }
    }

    /** kill() on a created exec ends it with status 1 and succeeds (public report R8). */
    public static final class KillInCreatedExits extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void kill(long signal) {
                    if (created(this)) {
                        reference.forceExit(1);
                        return;
                    }
                    reference.kill(signal);
                }
            };
        }
    }

    /** kill() on an exited exec succeeds. */
    public static final class KillAfterExitSucceeds extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void kill(long signal) {
                    if (!exited()) {
                        reference.kill(signal);
                    }
                }
            };
        }
    }

    /** kill() on an exited exec fails with Unknown, "access is denied" (public report R3). */
    public static final class KillAfterExitAccessDenied extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void kill(long signal) {
                    if (exited()) {
                        throw new ExecException(ErrorKind.UNKNOWN, "access is denied");
                    }
                    reference.kill(signal);
                }
            };
        }
    }

    /** kill(9) succeeds and delivers nothing: the process never ends. */
    public static final class KillDeliversNothing extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void kill(long signal) {
                    if (!running(this) || signal < 1 || signal > 64) {
                        reference.kill(signal);
                    }
                }
            };
        }
    }

    /** kill() with an invalid signal on a running exec succeeds and does nothing. */
    public static final class InvalidSignalAccepted extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void kill(long signal) {
                    if (running(this) && (signal < 1 || signal > 64)) {
                        return;
                    }
                    reference.kill(signal);
                }
            };
        }
    }

    /** resizePty() on a running exec without a tty succeeds. */
    public static final class ResizeWithoutTtyAccepted extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void resizePty(long width, long height) {
                    if (!running(this) || request.tty()) {
                        reference.resizePty(width, height);
                    }
                }
            };
        }
    }

    /** resizePty() on a tty exec that has exited fails (public report R1). */
    public static final class ResizeAfterExitFails extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void resizePty(long width, long height) {
                    if (exited() && request.tty()) {
                        throw ExecException.invalidState(request.taskId(), request.execId(), ExecState.EXITED,
                                "resizePty");
                    }
                    reference.resizePty(width, height);
                }
            };
        }
    }

    /** resizePty() on a running tty exec fails. */
    public static final class ResizeOfLiveTtyFails extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void resizePty(long width, long height) {
                    if (running(this) && request.tty()) {
                        throw new ExecException(ErrorKind.NOT_IMPLEMENTED, "console resize not supported");
                    }
                    reference.resizePty(width, height);
                }
            };
        }
    }

    /** resizePty() without a tty fails in every state: the tty check comes first. */
    public static final class ResizeTtyCheckFirst extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void resizePty(long width, long height) {
                    if (!request.tty()) {
                        throw ExecException.invalidState(request.taskId(), request.execId(), reference.state(),
                                "resizePty");
                    }
                    reference.resizePty(width, height);
                }
            };
        }
    }

    /** closeIO() before start fails with NotFound (public report R6). */
    public static final class CloseBeforeStartFails extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void closeIO(boolean stdin) {
                    if (created(this)) {
                        throw new ExecException(ErrorKind.NOT_FOUND, "no io for exec " + request.execId());
                    }
                    reference.closeIO(stdin);
                }
            };
        }
    }

    /** A second closeIO() fails: the stream is already closed. */
    public static final class SecondCloseFails extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private boolean closed;

                @Override
                public void closeIO(boolean stdin) {
                    if (closed) {
                        throw new ExecException(ErrorKind.UNKNOWN, "close of closed pipe");
                    }
                    closed = true;
                    reference.closeIO(stdin);
                }
            };
        }
    }

    /** closeIO(true) succeeds but never closes the workload's stdin. */
    public static final class StdinNeverClosed extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void closeIO(boolean stdin) {
                    reference.closeIO(false);
                }
            };
        }
    }

    /** awaitExit() on a created exec returns at once with the current status. */
    public static final class WaitReturnsEarly extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    return created(this) ? reference.status() : reference.awaitExit();
                }
            };
        }
    }

    /** awaitExit() returns the exit status with a zero exited-at. */
    public static final class WaitWithoutExitTime extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    ExecStatus s = reference.awaitExit();
                    return with(s, s.pid(), s.exitStatus(), ExecStatus.ZERO_TIME);
                }
            };
        }
    }

    /** awaitExit() on an exited exec takes 400 ms to return, beyond the strict wait bound of 250 ms. */
    public static final class LateWaitIsSlow extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    if (exited()) {
                        Thread.sleep(400);
                    }
                    return reference.awaitExit();
                }
            };
        }
    }

    /** A wait that begins after another wait has returned gets a fresh exit time (public report R2). */
    public static final class RepeatedWaitRestamped extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private volatile boolean returnedOnce;

                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    boolean repeated = returnedOnce;
                    ExecStatus s = reference.awaitExit();
                    returnedOnce = true;
                    return repeated ? with(s, s.pid(), s.exitStatus(), s.exitedAt().plusMillis(1)) : s;
                }
            };
        }
    }

    /** forceExit(s) on a created exec records 0. */
    public static final class ForceOnCreatedRecordsZero extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void forceExit(int status) {
                    reference.forceExit(created(this) && status >= 0 ? 0 : status);
                }
            };
        }
    }

    /** forceExit(s) on a running exec records 1, whatever s is. */
    public static final class ForceOnRunningRecordsOne extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void forceExit(int status) {
                    reference.forceExit(running(this) && status >= 0 ? 1 : status);
                }
            };
        }
    }

    /** forceExit() ends the exec, but a waiter of a force-exited exec is never released. */
    public static final class ForceReleasesNoWaiter extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private final CountDownLatch never = new CountDownLatch(1);
                private volatile boolean forced;

                @Override
                public void forceExit(int status) {
                    forced |= !exited();
                    reference.forceExit(status);
                }

                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    boolean early = !exited();
                    ExecStatus s = reference.awaitExit();
                    if (early && forced) {
                        never.await();
                    }
                    return s;
                }
            };
        }
    }

    /** forceExit(s) after exit records s over the real exit data (public report R10). */
    public static final class ForceAfterExitRewrites extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                private volatile ExecStatus rewritten;

                @Override
                public void forceExit(int status) {
                    if (exited()) {
                        ExecStatus s = reference.status();
                        rewritten = with(s, s.pid(), ExecStatus.exitStatusOf(status), Instant.now());
                        return;
                    }
                    reference.forceExit(status);
                }

                @Override
                public ExecStatus status() {
                    ExecStatus r = rewritten;
                    return r != null ? r : reference.status();
                }

                @Override
                public ExecStatus awaitExit() throws InterruptedException {
                    ExecStatus s = reference.awaitExit();
                    ExecStatus r = rewritten;
                    return r != null ? r : s;
                }
            };
        }
    }

    /** forceExit() on an exited exec fails with FailedPrecondition. */
    public static final class ForceAfterExitFails extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void forceExit(int status) {
                    if (exited()) {
                        throw ExecException.invalidState(request.taskId(), request.execId(), ExecState.EXITED,
                                "forceExit");
                    }
                    reference.forceExit(status);
                }
            };
        }
    }

    /** forceExit(s) with a negative s records 0. */
    public static final class NegativeForceClamped extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void forceExit(int status) {
                    reference.forceExit(Math.max(status, 0));
                }
            };
        }
    }

    /** Invalid-state errors say only "invalid state". */
    public static final class TerseErrors extends BrokenProvider {
        @Override
        protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
            return new DelegatingExec(exec, request) {
                @Override
                public void start() {
                    terse(reference::start);
                }

                @Override
                public void kill(long signal) {
                    terse(() -> reference.kill(signal));
                }

                @Override
                public void resizePty(long width, long height) {
                    terse(() -> reference.resizePty(width, height));
                }

                private void terse(Runnable call) {
                    try {
                        call.run();
                    } catch (ExecException e) {
                        throw new ExecException(e.kind(), "invalid state");
                    }
                }
            };
        }
    }
}
