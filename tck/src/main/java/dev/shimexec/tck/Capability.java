package dev.shimexec.tck;

/**
 * What an implementation can do beyond the contract's minimum. Declared once, by the provider;
 * properties that need a capability the implementation lacks are reported as not verified, and the
 * kit still checks what the implementation must do without it.
 */
public enum Capability {
    /** Can create execs with a tty. Without it every exec is created without one. */
    TTY("tty"),
    /** Can create execs with an open stdin whose workload ends at end of input. */
    STDIN("stdin"),
    /** Can make a running workload end by itself with a chosen exit code. */
    SELF_EXIT("exit"),
    /** Can make the next start of an exec fail to start its process. */
    START_FAILURE("start-failure");

    private final String featureName;

    Capability(String featureName) {
        this.featureName = featureName;
    }

    /** The name of this capability in the adapter protocol's {@code features} list. */
    public String featureName() {
        return featureName;
    }
}
