package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken: a {@code forceExit} that ends the exec while waiters are blocked writes the exit data in two
 * steps: first the state and the exit status, which wakes the waiters, then, once they have read,
 * exited-at. In between, a reader sees the exec exited with its exit status but with the zero time.
 *
 * <p>To make the window deterministic rather than a rare race, the second step waits until every
 * waiter has read the half-written data and left (at most one second). Without blocked waiters the
 * exit is written in one step, so a caller that never waits in the background sees no fault.
 *
 * <p>The concurrency property rejects it for CONC-3: the waiters saw exited-at as the zero time, later
 * reads a real one. The sequential engine names WAIT-2 for it (a waiter released with a zero exited-at).
 */
public class TornExitProvider extends BrokenProvider {

    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new TornExitExec(exec, request);
    }

    /**
     * Force-exits are serialized by this exec's monitor, so one window at a time; the force-exiting
     * thread holds the window open until no waiter is left inside {@code awaitExit}.
     */
    static final class TornExitExec extends DelegatingExec {

        private final AtomicInteger inside = new AtomicInteger();
        private volatile boolean halfWritten;

        TornExitExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public synchronized void forceExit(int status) {
            if (exited() || inside.get() == 0) {
                reference.forceExit(status);
                return;
            }
            halfWritten = true;
            try {
                reference.forceExit(status);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (inside.get() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                halfWritten = false;
            }
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            inside.incrementAndGet();
            try {
                ExecStatus status = reference.awaitExit();
                return halfWritten ? withExit(status, status.exitStatus(), ExecStatus.ZERO_TIME) : status;
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public ExecStatus status() {
            ExecStatus status = reference.status();
            return halfWritten && status.status() == TaskStatus.STOPPED
                    ? withExit(status, status.exitStatus(), ExecStatus.ZERO_TIME) : status;
        }
    }
}
