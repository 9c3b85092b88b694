package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken: of the waiters blocked when the exec exits, every one but the first to have begun waiting
 * builds its exit time from the clock as it wakes instead of reading the recorded one. The first waiter,
 * {@code status()} and every wait that begins after the exit see the recorded exit data; a lone waiter
 * sees nothing wrong.
 *
 * <p>The kit rejects it for CONC-2 (waiters released by one exit see identical exit data): any scenario
 * with two waits left blocked before the exit shows it, concurrent or sequential.
 */
public class RestampedWaitersProvider extends BrokenProvider {

    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new RestampedWaitersExec(exec, request);
    }

    /** Numbers the waiters that block before the exit; the second and later ones get a time of their own. */
    static final class RestampedWaitersExec extends DelegatingExec {

        private final AtomicInteger blockedWaiters = new AtomicInteger();

        RestampedWaitersExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            boolean first = exited() || blockedWaiters.getAndIncrement() == 0;
            ExecStatus recorded = reference.awaitExit();
            if (first) {
                return recorded;
            }
            Instant woken = Clock.systemUTC().instant();
            Instant later = recorded.exitedAt().plusNanos(1_000);
            return withExit(recorded, recorded.exitStatus(), woken.isAfter(later) ? woken : later);
        }
    }
}
