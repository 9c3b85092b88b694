package dev.shimexec.model;

/**
 * An exit status as the model knows it: a definite unsigned 32-bit value, or {@link #ANY} when the
 * contract fixes only that there is one (a process ended by a signal reports what its platform
 * reports). An {@code ANY} is bound to the first value the implementation shows, and must stay that
 * value from then on.
 *
 * @param value the unsigned 32-bit exit status, or -1 for {@link #ANY}
 */
public record ExitCode(long value) {

    /** Some exit status, not fixed by the contract. */
    public static final ExitCode ANY = new ExitCode(-1);

    public ExitCode {
        if (value < -1 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("exit status must be within 0..4294967295, was " + value);
        }
    }

    /** A definite exit status. */
    public static ExitCode of(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("exit status must be within 0..4294967295, was " + value);
        }
        return new ExitCode(value);
    }

    /** Whether the value is fixed. */
    public boolean isKnown() {
        return value >= 0;
    }

    /** Whether an implementation that reports {@code actual} agrees with this exit code. */
    public boolean admits(long actual) {
        return !isKnown() || value == actual;
    }

    @Override
    public String toString() {
        return isKnown() ? Long.toString(value) : "any";
    }
}
