package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Broken: two locks taken in opposite orders. {@code kill} holds the process lock while it delivers the
 * signal ({@link #DELIVERY} ms), then takes the record lock to look at the exit it may have caused;
 * {@code status} holds the record lock while it copies the exit data (until a kill holds the process
 * lock, or {@link #COPY} ms), then takes the process lock to read the pid. A kill and a status that
 * overlap each hold the lock the other needs next: neither returns, a deadlock. One call at a time
 * never blocks.
 *
 * <p>The locks are interruptible, so the kit's threads go free when it gives up on the calls. The kit
 * rejects it for CONC-6 (a call that does not return within the call timeout).
 */
public class LockOrderDeadlockProvider extends BrokenProvider {

    /** How long, in milliseconds, a kill holds the process lock before it takes the record lock. */
    public static final long DELIVERY = 25;

    /** How long, in milliseconds, a status holds the record lock at most before it takes the process lock. */
    public static final long COPY = 2;


    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new LockOrderDeadlockExec(exec, request);
    }

    /** kill: process lock, then record lock; status: record lock, then process lock. */
    static final class LockOrderDeadlockExec extends DelegatingExec {

        private final ReentrantLock process = new ReentrantLock();
        private final ReentrantLock record = new ReentrantLock();

        LockOrderDeadlockExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public void kill(long signal) {
            locked(process, record, DELIVERY, () -> {
                reference.kill(signal);
                return null;
            });
        }

        @Override
        public ExecStatus status() {
            return locked(record, process, COPY, reference::status);
        }

        /**
         * {@code call} under both locks; {@code first} is held alone until {@code second} is taken by
         * another call, or for {@code hold} ms.
         */
        private <T> T locked(ReentrantLock first, ReentrantLock second, long hold, Supplier<T> call) {
            try {
                first.lockInterruptibly();
                try {
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(hold);
                    while (!second.isLocked() && System.nanoTime() < until) {
                        TimeUnit.MICROSECONDS.sleep(100);
                    }
                    second.lockInterruptibly();
                    try {
                        return call.get();
                    } finally {
                        second.unlock();
                    }
                } finally {
                    first.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a lock", e);
            }
        }
    }
}
