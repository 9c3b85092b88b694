package dev.shimexec.tck;

/**
 * The implementation cannot be driven at all: the provider cannot create an exec, an adapter died or
 * speaks another protocol. This is not a verdict on a clause; it ends the run, and the runner exits
 * with status 2.
 */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
