package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import java.time.Instant;
import java.util.Objects;

/**
 * An exec that passes every call on to a {@link ReferenceExec}. Each broken exec of this package
 * extends it and overrides the calls it breaks; what it does not override is the reference behaviour,
 * thread-safety included.
 */
public class ForwardingExec implements ShimExec {

    /** The reference exec every call goes to. */
    protected final ReferenceExec delegate;

    /** An exec that forwards to {@code delegate}, not null. */
    public ForwardingExec(ReferenceExec delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int pid() {
        return delegate.pid();
    }

    @Override
    public ExecState state() {
        return delegate.state();
    }

    @Override
    public ExecStatus status() {
        return delegate.status();
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void kill(long signal) {
        delegate.kill(signal);
    }

    @Override
    public void resizePty(long width, long height) {
        delegate.resizePty(width, height);
    }

    @Override
    public void closeIO(boolean stdin) {
        delegate.closeIO(stdin);
    }

    @Override
    public ExecStatus awaitExit() throws InterruptedException {
        return delegate.awaitExit();
    }

    @Override
    public void forceExit(int status) {
        delegate.forceExit(status);
    }

    /** The environment: the workload ends by itself with {@code code}. */
    public void exitWorkload(int code) {
        delegate.exitWorkload(code);
    }

    /** The environment: the next start cannot start the process. */
    public void failNextStart() {
        delegate.failNextStart();
    }

    /** Whether the reference exec has exited. */
    protected boolean exited() {
        return delegate.state() == ExecState.EXITED;
    }

    /** {@code status} with other exit data. */
    protected static ExecStatus withExit(ExecStatus status, long exitStatus, Instant exitedAt) {
        return new ExecStatus(status.taskId(), status.execId(), status.bundle(), status.pid(), status.status(),
                status.stdin(), status.stdout(), status.stderr(), status.terminal(), exitStatus, exitedAt);
    }

    /** Blocks the calling thread until it is interrupted: a waiter that is never released. */
    protected static ExecStatus blockForever() throws InterruptedException {
        new java.util.concurrent.CountDownLatch(1).await();
        throw new InterruptedException("released by a latch that never opens");
    }
}
