package dev.shimexec.tck.cli;

/** A mistake in how the runner was called: reported on one line, without a stack trace, with exit status 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
