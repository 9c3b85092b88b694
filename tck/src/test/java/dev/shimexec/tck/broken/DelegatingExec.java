package dev.shimexec.tck.broken;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.ExecRequest;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * A reference exec with a seam in every method: a broken implementation overrides the calls whose
 * fault it shows and leaves the rest correct, thread-safety included.
 */
public class DelegatingExec implements ShimExec {

    protected final ReferenceExec reference;
    protected final ExecRequest request;

    public DelegatingExec(ReferenceExec reference, ExecRequest request) {
        this.reference = reference;
        this.request = request;
    }

    @Override
    public String id() {
        return reference.id();
    }

    @Override
    public int pid() {
        return reference.pid();
    }

    @Override
    public ExecState state() {
        return reference.state();
    }

    @Override
    public ExecStatus status() {
        return reference.status();
    }

    @Override
    public void start() {
        reference.start();
    }

    @Override
    public void kill(long signal) {
        reference.kill(signal);
    }

    @Override
    public void resizePty(long width, long height) {
        reference.resizePty(width, height);
    }

    @Override
    public void closeIO(boolean stdin) {
        reference.closeIO(stdin);
    }

    @Override
    public ExecStatus awaitExit() throws InterruptedException {
        return reference.awaitExit();
    }

    @Override
    public void forceExit(int status) {
        reference.forceExit(status);
    }

    /** The environment: the workload ends with {@code code}. */
    public void exitWorkload(int code) {
        reference.exitWorkload(code);
    }

    /** The environment: the next start fails. */
    public void failNextStart() {
        reference.failNextStart();
    }

    /** Whether the reference exec has exited. */
    protected boolean exited() {
        return reference.state() == ExecState.EXITED;
    }

    /** A copy of {@code status} with other exit data and pid. */
    protected static ExecStatus with(ExecStatus status, int pid, long exitStatus, Instant exitedAt) {
        return new ExecStatus(status.taskId(), status.execId(), status.bundle(), pid, status.status(),
                status.stdin(), status.stdout(), status.stderr(), status.terminal(), exitStatus, exitedAt);
    }

    /** A copy of {@code status} with other exit data. */
    protected static ExecStatus withExit(ExecStatus status, long exitStatus, Instant exitedAt) {
        return with(status, status.pid(), exitStatus, exitedAt);
    }

    /** Blocks the calling thread until it is interrupted: a waiter that is never released. */
    protected static ExecStatus blockForever() throws InterruptedException {
        new CountDownLatch(1).await();
        throw new InterruptedException("released by a latch that never opens");
    }
}
