package dev.shimexec.spec;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A named reading of the contract. {@link #STRICT} follows the interface text; {@link #HCSSHIM}
 * encodes what the Windows shim's real exec does, so that an implementation can be certified against
 * the text and still see, clause by clause, where such behaviour departs from it.
 */
public enum Profile {

    /** The interface text, with every open point decided as {@link Decision} says. */
    STRICT("strict", Duration.ofMillis(250), Map.of()),

    /** The behaviour of hcsshim's {@code hcsExec}, where it differs from the text. */
    HCSSHIM("hcsshim", Duration.ofMillis(1500), Map.of(
            Clause.KILL_2, "kill() on a created exec succeeds and leaves it exited with exit status 1,"
                    + " with every waiter released.",
            Clause.FORCE_2, "forceExit(s) on a running exec succeeds and ends the process; the exit status"
                    + " recorded is the process's own, and waiters are released once it has ended.",
            Clause.RESIZE_4, "resizePty() on an exec without a tty fails with FailedPrecondition in every"
                    + " state: the tty check comes first.",
            Clause.WAIT_3, "awaitExit() on an exec that has exited returns within the drain window (1.5 s)"
                    + " with the original exit data.",
            Clause.CONC_5, "Once state() has reported exited, awaitExit() returns within the drain window"
                    + " (1.5 s), the time the shim may take to drain output before it releases waiters."));

    private final String id;
    private final Duration waitBound;
    private final Map<Clause, String> departures;

    Profile(String id, Duration waitBound, Map<Clause, String> departures) {
        this.id = id;
        this.waitBound = waitBound;
        this.departures = departures.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new EnumMap<>(departures));
    }

    /** The name used on the command line and in reports, such as {@code strict}. */
    public String id() {
        return id;
    }

    /**
     * How long a wait on an exec that has exited may take to return (decision O9). strict allows 250
     * ms, for scheduling noise on a loaded machine; hcsshim allows its drain of about a second, plus
     * margin.
     */
    public Duration waitBound() {
        return waitBound;
    }

    /** The clauses whose rule this profile states differently from strict. */
    public Map<Clause, String> departures() {
        return departures;
    }

    /** This profile's own sentence for {@code clause}, if it departs from strict there. */
    public Optional<String> departure(Clause clause) {
        return Optional.ofNullable(departures.get(clause));
    }

    /** The rule for {@code clause} under this profile. */
    public String sentence(Clause clause) {
        return departure(clause).orElse(clause.sentence());
    }

    /**
     * The profile with the given id.
     *
     * @throws IllegalArgumentException if no profile has that id
     */
    public static Profile byId(String id) {
        for (Profile profile : values()) {
            if (profile.id.equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile: '" + id + "' (known: strict, hcsshim)");
    }
}
