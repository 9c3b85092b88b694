package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.util.concurrent.CountDownLatch;

/**
 * Broken: {@code forceExit} marks the exec exited (state, status, exit data are all right) but releases
 * nobody. Waiters blocked before it stay blocked for good; a wait that begins after it returns at once.
 * Any other exit (the workload's own, a kill, a failed start, end of input) releases every waiter.
 *
 * <p>The kit rejects it for FORCE-3 (force-exit releases every waiter), in the sequential scenarios and
 * in the concurrent ones alike: when a force-exit ended the exec and none of the waiters blocked then
 * was released, the concurrency property names FORCE-3 rather than CONC-1. Deterministic: any scenario
 * with a wait left blocked before a force-exit that ends the exec shows it.
 */
public class SilentForceExitProvider extends BrokenProvider {

    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new SilentForceExitExec(exec, request);
    }

    /**
     * Waiters that come before the exit wait on a latch of this exec's, which only a call other than
     * {@code forceExit} that ends the exec opens; the thread of that call opens it before it returns.
     */
    static final class SilentForceExitExec extends DelegatingExec {

        private final CountDownLatch released = new CountDownLatch(1);

        SilentForceExitExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            if (!exited()) {
                released.await();
            }
            return reference.awaitExit();
        }

        @Override
        public void start() {
            boolean before = exited();
            try {
                reference.start();
            } finally {
                releaseIfEnded(before);
            }
        }

        @Override
        public void kill(long signal) {
            boolean before = exited();
            try {
                reference.kill(signal);
            } finally {
                releaseIfEnded(before);
            }
        }

        @Override
        public void closeIO(boolean stdin) {
            boolean before = exited();
            reference.closeIO(stdin);
            releaseIfEnded(before);
        }

        @Override
        public void exitWorkload(int code) {
            boolean before = exited();
            reference.exitWorkload(code);
            releaseIfEnded(before);
        }

        private void releaseIfEnded(boolean exitedBefore) {
            if (!exitedBefore && exited()) {
                released.countDown();
            }
        }
    }
}
