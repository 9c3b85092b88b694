package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Broken: {@code forceExit} records the exit without a lock, as a read of the state followed by a write
 * of the exit data. Two force-exits that both read the exec still running both write: the first one's
 * exit data reaches the waiters it releases, the second one's overwrites it for everyone after.
 *
 * <p>The interleaving is forced rather than left to chance: a force-exit that finds waiters blocked,
 * having read the state, waits (at most {@link #RENDEZVOUS}) for a second force-exit to read it too
 * before either writes; the second writes only once the waiters have read the first one's data. A
 * force-exit with no waiter blocked, or with no other force-exit coming, writes alone, so a purely
 * sequential caller sees no fault (only the delay).
 *
 * <p>The concurrency property rejects it for CONC-4: the waiters saw one exit status, later readers
 * another.
 */
public class DoubleWinnerProvider extends BrokenProvider {

    /** How long a force-exit that found waiters blocked waits for a second one to read the state. */
    public static final Duration RENDEZVOUS = Duration.ofMillis(150);


    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new DoubleWinnerExec(exec, request);
    }

    /**
     * The first writer records through the reference exec, which releases the waiters with its data;
     * the second writes its own exit status and time over it, and every read afterwards returns those.
     */
    static final class DoubleWinnerExec extends DelegatingExec {

        private final AtomicInteger blocked = new AtomicInteger();
        private final CountDownLatch bothRead = new CountDownLatch(2);
        private final CountDownLatch firstWritten = new CountDownLatch(1);
        private final AtomicInteger writers = new AtomicInteger();
        private volatile ExecStatus overwritten;

        DoubleWinnerExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public void forceExit(int status) {
            if (exited()) {
                return;
            }
            try {
                if (blocked.get() > 0) {
                    bothRead.countDown();
                    bothRead.await(RENDEZVOUS.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (writers.getAndIncrement() == 0) {
                    reference.forceExit(status);
                    firstWritten.countDown();
                    return;
                }
                firstWritten.await(1, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (blocked.get() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                ExecStatus first = reference.status();
                overwritten = withExit(first, ExecStatus.exitStatusOf(status), Clock.systemUTC().instant());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            blocked.incrementAndGet();
            try {
                ExecStatus status = reference.awaitExit();
                ExecStatus later = overwritten;
                return later != null ? later : status;
            } finally {
                blocked.decrementAndGet();
            }
        }

        @Override
        public ExecStatus status() {
            ExecStatus later = overwritten;
            return later != null ? later : reference.status();
        }
    }
}
