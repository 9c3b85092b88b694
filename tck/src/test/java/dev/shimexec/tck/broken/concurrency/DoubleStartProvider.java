package dev.shimexec.tck.broken.concurrency;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.broken.BrokenProvider;
import dev.shimexec.tck.broken.DelegatingExec;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Broken: {@code start()} checks that the exec is created, then starts it, without holding a lock across
 * the two; a start that finds the exec running by the time it acts takes that for its own success. Two
 * starts that both pass the check both return normally, where the contract lets exactly one succeed and
 * the other fail its precondition. One start at a time sees the right answers: a second start fails
 * with FailedPrecondition, as START-2 requires.
 *
 * <p>The interleaving is forced: a start that passed the check waits (at most {@link #RENDEZVOUS}) for a
 * second start to pass it too. Each answer taken alone is one the contract allows somewhere, so no
 * single call is wrong; only the history of the two is. The kit rejects it for CONC-7 (a history that
 * no order of the calls explains).
 */
public class DoubleStartProvider extends BrokenProvider {

    /** How long a start that passed the check waits for a second one to pass it too. */
    public static final Duration RENDEZVOUS = Duration.ofMillis(10);


    @Override
    protected DelegatingExec breakExec(ReferenceExec exec, ExecRequest request) {
        return new DoubleStartExec(exec, request);
    }

    /** Check, then act: the loser of the race swallows its FailedPrecondition. */
    static final class DoubleStartExec extends DelegatingExec {

        private final CountDownLatch bothChecked = new CountDownLatch(2);

        DoubleStartExec(ReferenceExec reference, ExecRequest request) {
            super(reference, request);
        }

        @Override
        public void start() {
            if (reference.state() != ExecState.CREATED) {
                reference.start();
                return;
            }
            bothChecked.countDown();
            try {
                bothChecked.await(RENDEZVOUS.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                reference.start();
            } catch (ExecException e) {
                boolean lostTheRace = e.kind() == ErrorKind.FAILED_PRECONDITION
                        && reference.state() == ExecState.RUNNING;
                if (!lostTheRace) {
                    throw e;
                }
            }
        }
    }
}
