package dev.example.hostexec;

import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exec that runs its command as a real process of the host: real pid, real exit code, real POSIX
 * signals, a real stdin pipe.
 *
 * <pre>
 *   CREATED ──start──────────────────▶ RUNNING ──process ends, kill ends it, forceExit──▶ EXITED
 *      │                                                                                    ▲
 *      └──forceExit, start that cannot run the program──────────────────────────────────────┘
 * </pre>
 *
 * <p>The process gets a stdin pipe if the exec was created with stdin, {@code /dev/null} otherwise;
 * its stdout and stderr are discarded, so the status reports no stream paths. A process killed by
 * signal {@code n} reports exit status {@code 128 + n}, as the JDK and POSIX shells report it.
 *
 * <p>Limit: a tty exec has no terminal. Pure Java cannot allocate a pseudo-terminal, so the tty setting
 * is a flag that the status reports ({@code terminal=true}) and that makes resizes of a running exec
 * legal; the size given is accepted and dropped, and the process sees pipes, not a terminal.
 *
 * <h2>Concurrency</h2>
 *
 * <p>Thread-safe. Every call takes one lock per exec for its whole effect, so calls are linearizable
 * in the order they take it. The end of the process is observed by a watcher thread, one per running
 * process from a shared pool of daemon threads, blocked in {@link Process#waitFor()}; it records the
 * exit under the same lock, and only if nothing has recorded one before. ({@link Process#onExit()} is
 * not used: it runs its stages on the common fork-join pool, where a caller's blocked waits could
 * starve it.) The first of the process's own end, {@link #forceExit(int)} and a failed
 * {@link #start()} to take the lock writes the exit status, the exit time and the state in one step,
 * and releases every waiter before it lets the lock go; later ones change nothing. A
 * {@code forceExit} does not wait for the process to die: it records the exit, sends SIGKILL and
 * returns. {@link #awaitExit()} waits on a condition of that lock, so a wait that begins after the
 * exit returns at once.
 */
public final class HostProcessExec implements ShimExec, AutoCloseable {

    private static final File NO_INPUT = new File("/dev/null");
    private static final int FIRST_SIGNAL = 1;
    private static final int LAST_SIGNAL = 64;
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    private static final long SIGNAL_COMMAND_TIMEOUT_SECONDS = 10;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;
    private static final ExecutorService WATCHERS = Executors.newCachedThreadPool(watch -> {
        Thread watcher = new Thread(watch, "host-process-exec-watcher");
        watcher.setDaemon(true);
        return watcher;
    });

    private final String taskId;
    private final String execId;
    private final boolean tty;
    private final boolean stdin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition exited = lock.newCondition();

    private List<String> command;
    private ExecState state = ExecState.CREATED;
    private Process process;
    private int pid;
    private boolean stdinClosed;
    private long exitStatus = ExecStatus.NOT_EXITED;
    private Instant exitedAt = ExecStatus.ZERO_TIME;

    /**
     * A created exec; nothing runs until {@link #start()}.
     *
     * @param taskId the id of the task the exec belongs to, not null
     * @param execId the exec's id, not null
     * @param command the program and its arguments, not null or empty
     * @param tty whether the exec reports a tty (see the limit in the class description)
     * @param stdin whether the process gets a stdin pipe that {@link #closeIO(boolean)} can close
     */
    public HostProcessExec(String taskId, String execId, List<String> command, boolean tty, boolean stdin) {
        this.taskId = Objects.requireNonNull(taskId, "taskId must not be null");
        this.execId = Objects.requireNonNull(execId, "execId must not be null");
        this.command = checkedCommand(command);
        this.tty = tty;
        this.stdin = stdin;
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
            return state;
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

    /**
     * Starts the command as a host process: {@link ExecState#CREATED} ──▶ {@link ExecState#RUNNING}. If
     * the exec's stdin was closed before, the process's stdin is closed as soon as it runs.
     *
     * @throws ExecException {@link ErrorKind#FAILED_PRECONDITION} if the exec is running or has exited;
     *     {@link ErrorKind#UNKNOWN} if the program cannot be run, in which case the exec has exited with
     *     status 1 and every waiter is released
     */
    @Override
    public void start() {
        Process started;
        lock.lock();
        try {
            if (state != ExecState.CREATED) {
                throw ExecException.invalidState(taskId, execId, state, "start");
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(stdin ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(NO_INPUT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            try {
                started = builder.start();
            } catch (IOException | RuntimeException e) {
                recordExit(1);
                throw new ExecException(ErrorKind.UNKNOWN, "exec: '" + execId + "' in task: '" + taskId
                        + "' could not start '" + command.get(0) + "': " + e.getMessage());
            }
            process = started;
            pid = Math.toIntExact(started.pid());
            state = ExecState.RUNNING;
            if (stdinClosed) {
                closeStdinPipe();
            }
        } finally {
            lock.unlock();
        }
        WATCHERS.execute(() -> {
            awaitUninterruptibly(started, Long.MAX_VALUE);
            processEnded(started);
        });
    }

    /**
     * Sends signal {@code signal} to the running process. SIGKILL and SIGTERM go through the process's
     * {@link ProcessHandle}, which sends exactly those signals and checks the process's start time, so
     * that a reused pid is never hit; every other signal goes through the shell's {@code kill}, right
     * after a check that the process is alive (which leaves a window of microseconds in which the JDK
     * may reap it and its pid be reused). A process that has just ended by itself counts as signalled:
     * its exit is recorded as its own.
     *
     * @throws ExecException {@link ErrorKind#FAILED_PRECONDITION} if the exec is created, if the signal
     *     is outside 1 to 64, or if the signal could not be delivered to a live process;
     *     {@link ErrorKind#NOT_FOUND} if the exec has exited
     */
    @Override
    public void kill(long signal) {
        lock.lock();
        try {
            if (state == ExecState.CREATED) {
                throw ExecException.invalidState(taskId, execId, state, "kill");
            }
            if (state == ExecState.EXITED) {
                throw ExecException.exited(taskId, execId, "kill");
            }
            if (signal < FIRST_SIGNAL || signal > LAST_SIGNAL) {
                throw new ExecException(ErrorKind.FAILED_PRECONDITION, "exec: '" + execId + "' in task: '"
                        + taskId + "' in state: '" + state.wireName() + "' cannot kill with signal " + signal
                        + ": a POSIX signal is 1 to 64");
            }
            deliver((int) signal);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts a resize of a running tty exec, and ignores any resize of an exec that is not running.
     * There is no terminal to resize (see the class description), so an accepted size has no effect.
     *
     * @throws ExecException {@link ErrorKind#FAILED_PRECONDITION} if the exec is running without a tty
     */
    @Override
    public void resizePty(long width, long height) {
        lock.lock();
        try {
            if (state == ExecState.RUNNING && !tty) {
                throw new ExecException(ErrorKind.FAILED_PRECONDITION, "exec: '" + execId + "' in task: '"
                        + taskId + "' in state: '" + state.wireName() + "' has no tty for resizePty");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the process's stdin pipe if {@code stdin} is true and the exec has one that is open; the
     * process then reads end of input. Before start, the pipe is closed as soon as the process runs.
     * Never fails.
     */
    @Override
    public void closeIO(boolean stdin) {
        lock.lock();
        try {
            if (!stdin || !this.stdin || stdinClosed) {
                return;
            }
            stdinClosed = true;
            if (process != null) {
                closeStdinPipe();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ExecStatus awaitExit() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (state != ExecState.EXITED) {
                exited.await();
            }
            return snapshot();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the exit with status {@code status} read as unsigned, releases every waiter, and sends
     * SIGKILL to the process if there is one; it returns without waiting for the process to die, and
     * the process's own end is then ignored. Does nothing on an exec that has exited.
     */
    @Override
    public void forceExit(int status) {
        lock.lock();
        try {
            if (state == ExecState.EXITED) {
                return;
            }
            recordExit(ExecStatus.exitStatusOf(status));
            if (process != null) {
                process.toHandle().destroyForcibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes {@code bytes} to the process's stdin, as a shim relays a client's input. The write happens
     * under the exec's lock, so it is meant for short input, such as a line, that the process reads as
     * it comes: a write that fills the pipe holds up every other call until the process reads.
     *
     * @return whether the bytes were written: false if the exec has no stdin, has not started, its
     *     stdin was closed, or the process no longer reads it
     */
    public boolean writeInput(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        lock.lock();
        try {
            if (!stdin || stdinClosed || state != ExecState.RUNNING) {
                return false;
            }
            OutputStream pipe = process.getOutputStream();
            pipe.write(bytes);
            pipe.flush();
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the exec for good: an exec that has not exited is force-exited with status 1 (so every waiter
     * is released), its process and every descendant of it are sent SIGKILL, and the stdin pipe is
     * closed. Waits up to five seconds for the process to be gone. Repeating it is harmless.
     */
    @Override
    public void close() {
        Process running;
        lock.lock();
        try {
            running = process;
        } finally {
            lock.unlock();
        }
        List<ProcessHandle> descendants = running != null && running.isAlive()
                ? running.descendants().toList()
                : List.of();
        forceExit(1);
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (running != null) {
            running.destroyForcibly();
            awaitGone(running);
        }
    }

    /**
     * Replaces the command that {@link #start()} will run; for an environment that needs a start to
     * fail.
     *
     * @throws IllegalStateException if the exec is no longer created
     */
    void replaceCommand(List<String> newCommand) {
        List<String> checked = checkedCommand(newCommand);
        lock.lock();
        try {
            if (state != ExecState.CREATED) {
                throw new IllegalStateException("the command of exec '" + execId + "' can only be replaced while"
                        + " created, but it is " + state.wireName());
            }
            command = checked;
        } finally {
            lock.unlock();
        }
    }

    private void processEnded(Process ended) {
        lock.lock();
        try {
            if (state == ExecState.RUNNING) {
                recordExit(ExecStatus.exitStatusOf(ended.exitValue()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void deliver(int signal) {
        if (signal == SIGKILL) {
            process.toHandle().destroyForcibly();
            return;
        }
        if (signal == SIGTERM) {
            process.toHandle().destroy();
            return;
        }
        if (!process.isAlive()) {
            return;
        }
        String failure;
        try {
            Process sender = new ProcessBuilder("/bin/sh", "-c", "kill -\"$1\" \"$2\"", "kill",
                    Integer.toString(signal), Integer.toString(pid))
                    .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!awaitUninterruptibly(sender, SIGNAL_COMMAND_TIMEOUT_SECONDS)) {
                sender.destroyForcibly();
                failure = "kill did not end within " + SIGNAL_COMMAND_TIMEOUT_SECONDS + " s";
            } else {
                failure = sender.exitValue() == 0 ? null : "kill ended with status " + sender.exitValue();
            }
        } catch (IOException e) {
            failure = "kill could not run: " + e.getMessage();
        }
        if (failure != null && process.isAlive()) {
            throw new ExecException(ErrorKind.FAILED_PRECONDITION, "exec: '" + execId + "' in task: '" + taskId
                    + "' in state: '" + state.wireName() + "' could not kill with signal " + signal + ": " + failure);
        }
    }

    /**
     * Waits up to {@code seconds} for {@code process} to end, through interrupts, and keeps the interrupt
     * status; returns whether it ended.
     */
    private static boolean awaitUninterruptibly(Process process, long seconds) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor(seconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeStdinPipe() {
        if (process == null || !stdin) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // A pipe that fails to close is broken: the process no longer reads it, which is what closing wants.
        }
    }

    /** Waits, up to the close timeout, for {@code running} to be gone; an interrupt ends the wait early. */
    private void awaitGone(Process running) {
        lock.lock();
        try {
            closeStdinPipe();
        } finally {
            lock.unlock();
        }
        try {
            running.waitFor(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordExit(long status) {
        exitStatus = status;
        exitedAt = Instant.now();
        state = ExecState.EXITED;
        exited.signalAll();
    }

    private ExecStatus snapshot() {
        return new ExecStatus(taskId, execId, "", pid, state.taskStatus(), "", "", "", tty, exitStatus, exitedAt);
    }

    private static List<String> checkedCommand(List<String> command) {
        Objects.requireNonNull(command, "command must not be null");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program, but it is empty");
        }
        return List.copyOf(command);
    }
}
