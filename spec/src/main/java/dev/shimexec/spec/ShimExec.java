package dev.shimexec.spec;

/**
 * One process that a user starts inside a container (a task): the exec contract of a containerd shim,
 * restated for Java.
 *
 * <p>Each method names the states in which it is legal and what it does otherwise; the clause ids in
 * brackets point into {@code spec/SPEC.md}. The rules here are those of the {@link Profile#STRICT
 * strict} profile; {@link Profile#HCSSHIM} departs from them where its documentation says.
 *
 * <p>Implementations must be safe for use by several threads at once: {@link #awaitExit()} blocks
 * while other calls go on, and any call may race the workload's own exit (clauses CONC-1 to CONC-7).
 * Errors are reported by throwing {@link ExecException} with the containerd error kind; any other
 * exception counts as {@link ErrorKind#UNKNOWN}.
 */
public interface ShimExec {

    /** The exec id given at creation, in every state [ID-1]. */
    String id();

    /**
     * The process id. Legal in every state: 0 while {@link ExecState#CREATED} [PID-1], positive while
     * running [PID-2], and after exit still the pid the process had [PID-3].
     */
    int pid();

    /** The current state. Legal in every state, never null [STATE-1]. */
    ExecState state();

    /**
     * The full status. Legal in every state [STATUS-1]. Until the exec has exited the exit status is
     * 255 and the exit time is {@link ExecStatus#ZERO_TIME} [STATUS-2 to STATUS-5]; afterwards both
     * are fixed for good [EXIT-1 to EXIT-3].
     */
    ExecStatus status();

    /**
     * Starts the process: {@link ExecState#CREATED} ──▶ {@link ExecState#RUNNING} [START-1].
     *
     * @throws ExecException {@link ErrorKind#FAILED_PRECONDITION} if the exec is running or has
     *     exited [START-2, START-3]; any kind if the process could not be started, in which case the
     *     exec has exited with status 1 and every waiter is released [START-4]
     */
    void start();

    /**
     * Sends a POSIX signal to the running process [KILL-1]; 9 and 15 make it end [KILL-5].
     *
     * @param signal the signal number, 0 to 4294967295
     * @throws ExecException {@link ErrorKind#FAILED_PRECONDITION} if the exec is created [KILL-2] or
     *     the signal is not a valid one [KILL-6]; {@link ErrorKind#NOT_FOUND} if it has exited
     *     [KILL-3]; never any other kind [KILL-4]
     */
    void kill(long signal);

    /**
     * Resizes the tty of a running exec [RESIZE-3]; on an exec that is not running the resize is
     * ignored without error, tty or not [RESIZE-2, RESIZE-4].
     *
     * @param width columns, 0 to 4294967295
     * @param height rows, 0 to 4294967295
     * @throws ExecException {@link ErrorKind#FAILED_PRECONDITION} if the exec is running without a
     *     tty [RESIZE-1]
     */
    void resizePty(long width, long height);

    /**
     * Closes the process's stdin if {@code stdin} is true and it is open; the workload then reads
     * end of input [CLOSEIO-3]. Legal in every state, and never fails, however often it is called
     * [CLOSEIO-1, CLOSEIO-2].
     */
    void closeIO(boolean stdin);

    /**
     * Blocks until the exec has exited, then returns its status [WAIT-1, WAIT-2]. Legal in every
     * state. On an exec that has exited it returns at once with the original exit data [WAIT-3,
     * WAIT-4]. Any number of threads may wait at once; all are released together [CONC-1, CONC-2].
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    ExecStatus awaitExit() throws InterruptedException;

    /**
     * Ends the exec by force: it is {@link ExecState#EXITED} with exit status {@code status} read as
     * unsigned 32 bits, and every waiter is released [FORCE-1 to FORCE-3, FORCE-6]. Legal in every
     * state; on an exec that has already exited it changes nothing [FORCE-4]; it never fails and
     * repeating it is harmless [FORCE-5].
     */
    void forceExit(int status);
}
