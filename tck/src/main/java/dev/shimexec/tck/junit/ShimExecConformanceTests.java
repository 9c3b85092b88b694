package dev.shimexec.tck.junit;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Level;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.Conformance;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kit as JUnit 5 tests: extend this class in your own test sources, return your provider, and
 * every clause of the catalogue becomes a test of its own, named with its id and level.
 *
 * <pre>{@code
 * class MyExecConformanceTests extends ShimExecConformanceTests {
 *     @Override
 *     protected ExecProvider provider() {
 *         return new MyExecProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>The kit runs once per test class; each clause's test then reports its verdict. A MUST clause that
 * fails fails its test, with the shrunk counterexample and how to replay it. A SHOULD or MAY clause
 * that fails, and a clause that could not be verified, are reported as aborted (skipped) with the
 * reason, so that they show in every report without failing the build.
 *
 * <p>System properties override {@link #config()} without a code change: {@code shimexec.profile},
 * {@code shimexec.seed}, {@code shimexec.depth}, {@code shimexec.tries}, {@code shimexec.timeout} (such
 * as {@code 5s} or {@code 500ms}), {@code shimexec.clauses} (ids, comma-separated) and
 * {@code shimexec.replay} (one scenario, as a failure message prints it).
 */
public abstract class ShimExecConformanceTests {

    /** The implementation under test. Called once per test class; closed after the run. */
    protected abstract ExecProvider provider() throws Exception;

    /** The settings of the run; the defaults unless overridden. */
    protected KitConfig config() {
        return KitConfig.defaults();
    }

    @TestFactory
    @DisplayName("exec contract")
    Stream<DynamicTest> clauses() throws Exception {
        KitConfig config = configWithOverrides();
        String replay = System.getProperty("shimexec.replay");
        ConformanceReport report;
        try (ExecProvider provider = provider()) {
            report = replay == null || replay.isBlank()
                    ? Conformance.run(provider, config)
                    : Conformance.replay(provider, config, replay);
        }
        return report.results().stream()
                .map(result -> DynamicTest.dynamicTest(displayName(result), () -> verdict(report, result)));
    }

    private static String displayName(ClauseResult result) {
        return result.clause().id() + " [" + result.clause().level() + "] " + result.rule();
    }

    private void verdict(ConformanceReport report, ClauseResult result) {
        Clause clause = result.clause();
        if (result.verdict() == Verdict.NOT_VERIFIED) {
            Assumptions.abort("not verified: " + result.reason());
        }
        if (result.verdict() == Verdict.FAIL) {
            String message = result.counterexample().explain(report.implementation(), result.rule(),
                    replayHint(report.config().profile(), result.counterexample().scenario()));
            if (clause.level() == Level.MUST) {
                Assertions.fail(message);
            }
            Assumptions.abort(clause.level() + " clause broken (does not fail conformance):\n" + message);
        }
        Assertions.assertTrue(result.checks() > 0, () -> clause.id() + " passed without being checked");
    }

    private String replayHint(Profile profile, String scenario) {
        return "mvn test -Dtest=" + getClass().getSimpleName() + " -Dshimexec.profile=" + profile.id()
                + " \"-Dshimexec.replay=" + scenario + "\"";
    }

    private KitConfig configWithOverrides() {
        KitConfig config = config();
        String property = null;
        try {
            if ((property = setting("shimexec.profile")) != null) {
                config = config.withProfile(Profile.byId(property));
            }
            if ((property = setting("shimexec.seed")) != null) {
                config = config.withSeed(Long.parseLong(property));
            }
            if ((property = setting("shimexec.depth")) != null) {
                config = config.withDepth(Integer.parseInt(property));
            }
            if ((property = setting("shimexec.tries")) != null) {
                config = config.withTries(Integer.parseInt(property));
            }
            if ((property = setting("shimexec.timeout")) != null) {
                config = config.withCallTimeout(duration(property));
            }
            if ((property = setting("shimexec.clauses")) != null) {
                config = config.withClauses(Arrays.stream(property.split(","))
                        .map(String::strip).map(Clause::byId).collect(Collectors.toSet()));
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a shimexec.* system property is invalid ('" + property + "'): "
                    + e.getMessage(), e);
        }
    }

    private static String setting(String property) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Reads {@code 5s}, {@code 500ms} or {@code 2m}. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        throw new IllegalArgumentException("expected a duration such as 5s or 500ms, was '" + text + "'");
    }
}
