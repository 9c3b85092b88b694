package dev.shimexec.tck.engine;

import dev.shimexec.tck.CallTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs calls into an implementation on the kit's own daemon threads, each under a timeout, so that an
 * implementation that hangs costs the kit a thread, never the run. One guard serves one run, and also
 * numbers the execs that run creates, so that no two share an id (an adapter refuses a reused one).
 */
public final class CallGuard implements AutoCloseable {

    /** How often {@link #submitParked} looks whether the calling thread is parked. */
    private static final long PARK_POLL_NANOS = 50_000;

    private final ExecutorService threads;
    private final Duration timeout;
    private final AtomicLong execs = new AtomicLong();

    /** A guard whose calls may take at most {@code timeout}. */
    public CallGuard(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "shimexec-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newCachedThreadPool(factory);
    }

    /** The number of the next exec of this run: 1, 2, 3 and so on. */
    long nextExec() {
        return execs.incrementAndGet();
    }

    /** The longest a call may take. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The result of {@code call}, or what it threw.
     *
     * @param name the call's name for the timeout message, such as {@code kill(9)}
     * @throws CallTimeoutException if it did not return in time
     */
    public <T> Result<T> call(String name, Callable<T> call) {
        return await(name, submit(call), timeout);
    }

    /** Starts {@code call} in the background; see {@link #await}. */
    public <T> Future<T> submit(Callable<T> call) {
        return threads.submit(call);
    }

    /**
     * Starts {@code call}, one that may block such as {@code awaitExit()}, in the background, and returns
     * once the kit thread making it is parked inside it (waiting on a lock, a condition or a response),
     * or the call has returned, or {@code settle} has passed: so that what the caller does next happens
     * after the call began to wait, as far as the kit can tell from outside.
     *
     * @param name the call's name for the timeout message
     * @throws CallTimeoutException if no kit thread could begin the call within the call timeout
     */
    public <T> Future<T> submitParked(String name, Callable<T> call, Duration settle) {
        CountDownLatch calling = new CountDownLatch(1);
        AtomicReference<Thread> caller = new AtomicReference<>();
        Future<T> future = submit(() -> {
            caller.set(Thread.currentThread());
            calling.countDown();
            return call.call();
        });
        try {
            if (!calling.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                future.cancel(true);
                throw new CallTimeoutException(name, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallTimeoutException(name + " (interrupted)", timeout);
        }
        Thread thread = caller.get();
        long deadline = System.nanoTime() + settle.toNanos();
        while (!future.isDone() && System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                break;
            }
            LockSupport.parkNanos(PARK_POLL_NANOS);
        }
        return future;
    }

    /**
     * The result of a background call, waiting at most {@code limit}.
     *
     * @throws CallTimeoutException if it did not finish in time
     */
    public static <T> Result<T> await(String name, Future<T> future, Duration limit) {
        try {
            return new Result<>(future.get(limit.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CallTimeoutException hang) {
                throw hang;
            }
            return new Result<>(null, e.getCause());
        } catch (TimeoutException e) {
            throw new CallTimeoutException(name, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallTimeoutException(name + " (interrupted)", limit);
        }
    }

    /** Whether a background call finishes within {@code limit}; one that does not is cancelled. */
    public static boolean finishesWithin(Future<?> future, Duration limit) {
        try {
            future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            future.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return false;
        }
    }

    /** What a call returned, or what it threw. */
    public record Result<T>(T value, Throwable error) {
        /** Whether the call threw. */
        public boolean failed() {
            return error != null;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
