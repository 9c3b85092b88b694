package dev.shimexec.tck.adapter;

import dev.shimexec.tck.ProviderException;

/**
 * An adapter that cannot be driven: it did not start, died, wrote something that is not a protocol v1
 * response, answered a request the kit never sent, speaks another protocol version, or never answered
 * {@code hello}. This is not a verdict on a clause; it ends the run, and the runner exits with status 2.
 *
 * <p>{@link #getMessage()} says what went wrong, on one line, followed by the tail of the adapter's
 * standard error if it wrote any; {@link #summary()} and {@link #stderrTail()} give the two parts.
 */
public class AdapterException extends ProviderException {

    private static final long serialVersionUID = 1L;

    private final String summary;
    private final String stderrTail;

    /**
     * @param summary what went wrong, on one line
     * @param stderrTail the last lines of the adapter's standard error, possibly empty
     */
    public AdapterException(String summary, String stderrTail) {
        this(summary, stderrTail, null);
    }

    public AdapterException(String summary, String stderrTail, Throwable cause) {
        super(compose(summary, stderrTail), cause);
        this.summary = summary;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    /** What went wrong, on one line. */
    public String summary() {
        return summary;
    }

    /** The last lines of the adapter's standard error when the fault was seen; empty if it wrote none. */
    public String stderrTail() {
        return stderrTail;
    }

    private static String compose(String summary, String stderrTail) {
        if (stderrTail == null || stderrTail.isEmpty()) {
            return summary + " (the adapter wrote nothing to standard error)";
        }
        return summary + "\nadapter standard error, last lines:\n" + stderrTail;
    }
}
