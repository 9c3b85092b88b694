package dev.shimexec.tck;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Profile;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of one kit run. Immutable; start from {@link #defaults()} and change what you need with
 * the {@code with} methods. Every setting is checked when it is made, and a bad one is reported with
 * its name and value.
 *
 * @param profile the reading of the contract to check against
 * @param seed the seed of every random choice; the same seed gives the same scenarios
 * @param depth the length of the bounded-exhaustive sequences
 * @param tries how many seeded random sequences, and how many concurrent scenarios, to run
 * @param randomLength the length of each random sequence
 * @param clauses the clauses to report; empty means all
 * @param callTimeout how long any one call into the implementation may take before it is a verdict
 * @param waitBound how soon a wait on an exited exec must return (decision O9)
 */
public record KitConfig(
        Profile profile,
        long seed,
        int depth,
        int tries,
        int randomLength,
        Set<Clause> clauses,
        Duration callTimeout,
        Duration waitBound) {

    /** The default seed: fixed, so that two default runs are the same run. */
    public static final long DEFAULT_SEED = 20261203L;

    public KitConfig {
        Objects.requireNonNull(profile, "profile must not be null");
        require(depth >= 1 && depth <= 6, "depth", depth, "1..6");
        require(tries >= 0 && tries <= 100_000, "tries", tries, "0..100000");
        require(randomLength >= 1 && randomLength <= 1000, "randomLength", randomLength, "1..1000");
        Objects.requireNonNull(callTimeout, "callTimeout must not be null");
        Objects.requireNonNull(waitBound, "waitBound must not be null");
        require(!callTimeout.isNegative() && !callTimeout.isZero(), "callTimeout", callTimeout, "> 0");
        require(!waitBound.isNegative() && !waitBound.isZero(), "waitBound", waitBound, "> 0");
        require(waitBound.compareTo(callTimeout) < 0, "waitBound", waitBound, "< callTimeout (" + callTimeout + ")");
        clauses = clauses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(clauses));
    }

    /** The default run: strict, the fixed seed, depth 3, 200 tries of 12 steps, 5 s per call. */
    public static KitConfig defaults() {
        return new KitConfig(Profile.STRICT, DEFAULT_SEED, 3, 200, 12, Set.of(), Duration.ofSeconds(5),
                Profile.STRICT.waitBound());
    }

    /** This configuration with another profile, and that profile's wait bound. */
    public KitConfig withProfile(Profile newProfile) {
        return new KitConfig(newProfile, seed, depth, tries, randomLength, clauses, callTimeout,
                newProfile.waitBound());
    }

    public KitConfig withSeed(long newSeed) {
        return new KitConfig(profile, newSeed, depth, tries, randomLength, clauses, callTimeout, waitBound);
    }

    public KitConfig withDepth(int newDepth) {
        return new KitConfig(profile, seed, newDepth, tries, randomLength, clauses, callTimeout, waitBound);
    }

    public KitConfig withTries(int newTries) {
        return new KitConfig(profile, seed, depth, newTries, randomLength, clauses, callTimeout, waitBound);
    }

    public KitConfig withRandomLength(int newLength) {
        return new KitConfig(profile, seed, depth, tries, newLength, clauses, callTimeout, waitBound);
    }

    public KitConfig withClauses(Set<Clause> newClauses) {
        return new KitConfig(profile, seed, depth, tries, randomLength, newClauses, callTimeout, waitBound);
    }

    public KitConfig withCallTimeout(Duration newTimeout) {
        return new KitConfig(profile, seed, depth, tries, randomLength, clauses, newTimeout, waitBound);
    }

    public KitConfig withWaitBound(Duration newBound) {
        return new KitConfig(profile, seed, depth, tries, randomLength, clauses, callTimeout, newBound);
    }

    /** Whether {@code clause} is among those this run reports. */
    public boolean includes(Clause clause) {
        return clauses.isEmpty() || clauses.contains(clause);
    }

    private static void require(boolean ok, String name, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + range + ", was " + value);
        }
    }
}
