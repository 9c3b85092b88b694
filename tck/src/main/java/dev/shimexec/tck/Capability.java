package dev.shimexec.tck;

import dev.shimexec.spec.Clause;
import java.util.Map;
import java.util.Optional;

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

    private static final Map<Clause, Capability> NEEDED_BY = Map.of(
            Clause.RESIZE_2, TTY,
            Clause.RESIZE_3, TTY,
            Clause.CLOSEIO_3, STDIN,
            Clause.EXIT_1, SELF_EXIT,
            Clause.START_4, START_FAILURE);

    private final String featureName;

    Capability(String featureName) {
        this.featureName = featureName;
    }

    /** The name of this capability in the adapter protocol's {@code features} list. */
    public String featureName() {
        return featureName;
    }

    /** The capability without which {@code clause} cannot be checked at all, if there is one. */
    public static Optional<Capability> neededBy(Clause clause) {
        return Optional.ofNullable(NEEDED_BY.get(clause));
    }
}
