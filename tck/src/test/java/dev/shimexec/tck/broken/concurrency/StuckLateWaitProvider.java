package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken: after the exec has exited, the first wait returns at once, and every later wait blocks for
 * good (public report R2). Waiters blocked before the exit are released as they should be.
 *
 * <p>The concurrency property rejects it for CONC-1: the closing look makes two late waits on the
 * exited exec, and the second is never released, whatever else the scenario did. The sequential
 * engine names WAIT-3 for it (a wait on an exited exec that does not return within the wait bound).
 */
public class StuckLateWaitProvider extends BrokenProvider {

    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new StuckLateWaitExec(exec, request);
    }

    /** Counts the waits that begin after the exit; only the first returns. */
    static final class StuckLateWaitExec extends DelegatingExec {

        private final AtomicInteger waitsAfterExit = new AtomicInteger();

        StuckLateWaitExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            if (exited() && waitsAfterExit.getAndIncrement() > 0) {
                return blockForever();
            }
            return reference.awaitExit();
        }
    }
}
