package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken: of the waiters blocked before the exit, only the first is ever released; the others stay
 * blocked for good. A wait that begins after the exit returns at once, as it should.
 *
 * <p>The kit rejects it for CONC-1 (a waiter not released once the exec has exited). Deterministic:
 * any scenario with two waits left blocked before the exit shows it.
 */
public class FirstWaiterOnlyProvider extends BrokenProvider {

    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new FirstWaiterOnlyExec(exec, request);
    }

    /** Hands out a ticket to each waiter that comes before the exit; only ticket 0 waits on the reference. */
    static final class FirstWaiterOnlyExec extends DelegatingExec {

        private final AtomicInteger waitersBeforeExit = new AtomicInteger();

        FirstWaiterOnlyExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            if (exited() || waitersBeforeExit.getAndIncrement() == 0) {
                return reference.awaitExit();
            }
            return blockForever();
        }
    }
}
