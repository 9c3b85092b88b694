package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * hcsshim's drain: once the exec has exited, {@code state()} and {@code status()} say so at once, but
 * waiters are released only {@link #DRAIN} (700 ms) later, as hcsExec drains output before it releases
 * them. A wait that begins within the drain also returns at its end; one that begins later returns at
 * once.
 *
 * <p>Under the strict profile (wait bound 250 ms) the concurrency property rejects it for CONC-5; the
 * sequential engine names WAIT-3 for it. Under the hcsshim profile (drain window 1.5 s) it conforms.
 * Deterministic: 700 ms is far from both bounds.
 */
public class DrainingWaitProvider extends BrokenProvider {

    /** How long after the exit the waiters are released. */
    public static final Duration DRAIN = Duration.ofMillis(700);

    /** Reference execs of the strict profile, with the drain. */
    public DrainingWaitProvider() {
        this(Profile.STRICT);
    }

    /** Reference execs of {@code profile}, with the drain. */
    public DrainingWaitProvider(Profile profile) {
        super(profile);
    }

    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new DrainingWaitExec(exec, request);
    }

    /**
     * Notes when the exec was first seen exited, by whichever thread sees it first (a call that ends
     * it, a reader, a released waiter); each waiter sleeps until the drain after that instant is over.
     */
    static final class DrainingWaitExec extends DelegatingExec {

        private final AtomicLong exitSeenAt = new AtomicLong();

        DrainingWaitExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public ExecStatus awaitExit() throws InterruptedException {
            ExecStatus status = reference.awaitExit();
            long drained = noteExit() + DRAIN.toNanos();
            long left = drained - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            return status;
        }

        @Override
        public ExecState state() {
            ExecState state = reference.state();
            if (state == ExecState.EXITED) {
                noteExit();
            }
            return state;
        }

        @Override
        public ExecStatus status() {
            ExecStatus status = reference.status();
            if (exited()) {
                noteExit();
            }
            return status;
        }

        @Override
        public void start() {
            try {
                reference.start();
            } finally {
                noteIfExited();
            }
        }

        @Override
        public void kill(long signal) {
            try {
                reference.kill(signal);
            } finally {
                noteIfExited();
            }
        }

        @Override
        public void closeIO(boolean stdin) {
            reference.closeIO(stdin);
            noteIfExited();
        }

        @Override
        public void forceExit(int status) {
            reference.forceExit(status);
            noteIfExited();
        }

        @Override
        public void exitWorkload(int code) {
            reference.exitWorkload(code);
            noteIfExited();
        }

        private void noteIfExited() {
            if (exited()) {
                noteExit();
            }
        }

        /** The instant the exit was first seen, set now if nobody saw it before. */
        private long noteExit() {
            long now = System.nanoTime();
            return exitSeenAt.updateAndGet(seen -> seen == 0 ? now : seen);
        }
    }
}
