package dev.shimexec.tck;

import java.time.Duration;
import java.util.Objects;

/**
 * A call into an implementation that did not return within its time limit. The kit treats it as a hang
 * of that call: a verdict on the implementation, never a stuck run.
 */
public class CallTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final transient Duration timeout;

    /**
     * @param call the call that did not return, in text form, such as {@code kill(9)}
     * @param timeout how long it was given
     */
    public CallTimeoutException(String call, Duration timeout) {
        super(Objects.requireNonNull(call, "call must not be null") + " did not return within "
                + Objects.requireNonNull(timeout, "timeout must not be null").toMillis() + " ms");
        this.call = call;
        this.timeout = timeout;
    }

    /** The call that did not return, in text form. */
    public String call() {
        return call;
    }

    /** How long the call was given. */
    public Duration timeout() {
        return timeout;
    }
}
