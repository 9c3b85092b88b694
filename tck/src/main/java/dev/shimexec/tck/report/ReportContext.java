package dev.shimexec.tck.report;

import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.Counterexample;
import java.util.Objects;
import java.util.Optional;

/**
 * What the report files say beyond the {@link dev.shimexec.tck.ConformanceReport} itself: which kit ran,
 * how to replay a counterexample, and where the clauses are documented.
 *
 * @param kit the kit that ran
 * @param replayPrefix the command that runs the kit again against the same implementation with the same
 *     settings, without {@code --replay}; a counterexample's replay command is this plus {@code --replay}
 *     and its scenario
 * @param specLink the address of the specification that clause ids link to, without the {@code #anchor};
 *     by default {@value #DEFAULT_SPEC_LINK}
 * @param replayedScenario the scenario text, when the run replayed one scenario; null for a full run
 */
public record ReportContext(KitIdentity kit, String replayPrefix, String specLink, String replayedScenario) {

    /** Where clause ids link to by default: the specification, seen from a report directory. */
    public static final String DEFAULT_SPEC_LINK = "../spec/SPEC.md";

    public ReportContext {
        Objects.requireNonNull(kit, "kit must not be null");
        Objects.requireNonNull(replayPrefix, "replayPrefix must not be null");
        Objects.requireNonNull(specLink, "specLink must not be null");
    }

    /** The exact command that replays {@code counterexample}. */
    public String replayCommand(Counterexample counterexample) {
        return replayPrefix + " --replay " + quote(counterexample.scenario());
    }

    /** The replayed scenario, for a replay run. */
    public Optional<String> replayed() {
        return Optional.ofNullable(replayedScenario);
    }

    /** The link to {@code result}'s clause in the specification. */
    public String link(ClauseResult result) {
        return specLink + "#" + result.clause().anchor();
    }

    /**
     * {@code word} quoted for a POSIX shell: as it is when it holds only safe characters, otherwise in
     * single quotes, with each single quote written as {@code '\''}.
     */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || "-_./:=,@%+".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * One line about {@code result}: how often it held, the reason it was not verified, or where and how
     * it broke.
     */
    public static String detail(ClauseResult result) {
        switch (result.verdict()) {
            case PASS:
                return "held in " + result.checks() + (result.checks() == 1 ? " check" : " checks");
            case NOT_VERIFIED:
                return result.reason();
            default:
                Counterexample c = result.counterexample();
                return "step " + c.step() + ": expected " + c.expected() + ", got " + c.actual();
        }
    }
}
