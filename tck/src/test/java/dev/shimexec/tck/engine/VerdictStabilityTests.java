package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.broken.concurrency.DrainingWaitProvider;
import dev.shimexec.tck.support.ReferenceProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How stable the concurrency verdicts are: each check of {@link ConcurrencyPropertyTests} runs as many times
 * in a row as the system property {@value #PROPERTY} says, with the same seed and settings, and every run
 * must fail the same clauses as the first. (Which of the clauses that hold gets checked in a short run of a
 * faulty implementation can vary with the timing; the test prints in how many runs each was.) A measurement,
 * not part of the build: 20 runs of every subject take about sixteen minutes.
 *
 * <pre>
 * mvn -B -o test -pl tck -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=VerdictStabilityTests \
 *     -Dshimexec.stability.runs=20
 * </pre>
 */
@EnabledIfSystemProperty(named = VerdictStabilityTests.PROPERTY, matches = "[1-9][0-9]*",
        disabledReason = "a measurement; set -Dshimexec.stability.runs=N to run it")
class VerdictStabilityTests {

    static final String PROPERTY = "shimexec.stability.runs";

    static Stream<Arguments> subjects() {
        Stream<Arguments> broken = ConcurrencyPropertyTests.brokenImplementations().map(arguments -> {
            Object[] values = arguments.get();
            return Arguments.of(values[0] + ", under strict", Profile.STRICT, values[1], values[3]);
        });
        Stream<Arguments> passing = Stream.of(
                Arguments.of("the reference exec, under strict", Profile.STRICT,
                        (Supplier<ExecProvider>) () -> new ReferenceProvider(Profile.STRICT), 200),
                Arguments.of("the reference exec, under hcsshim", Profile.HCSSHIM,
                        (Supplier<ExecProvider>) () -> new ReferenceProvider(Profile.HCSSHIM), 200),
                Arguments.of("waiters released 700 ms after the exit, under hcsshim", Profile.HCSSHIM,
                        (Supplier<ExecProvider>) () -> new DrainingWaitProvider(Profile.HCSSHIM), 6));
        return Stream.concat(broken, passing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void theSameSeedGivesTheSameVerdictOnEveryRun(String subject, Profile profile, Supplier<ExecProvider> make,
                                                   int tries) {
        int runs = Integer.getInteger(PROPERTY);
        List<Set<Clause>> failed = new ArrayList<>();
        Map<Clause, Integer> held = new EnumMap<>(Clause.class);
        long slowest = 0;

        for (int run = 0; run < runs; run++) {
            long began = System.nanoTime();
            Evidence evidence = ConcurrencyPropertyTests.check(make.get(), ConcurrencyPropertyTests.config(profile,
                    tries));
            slowest = Math.max(slowest, (System.nanoTime() - began) / 1_000_000);
            failed.add(Arrays.stream(Clause.values()).filter(evidence::hasFailure)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Clause.class))));
            Arrays.stream(Clause.values()).filter(c -> !evidence.hasFailure(c) && evidence.checks(c) > 0)
                    .forEach(c -> held.merge(c, 1, Integer::sum));
        }

        System.out.printf("%s: %d runs, failing %s in every run; slowest run %d ms; held (in how many runs): %s%n",
                subject, runs, ids(failed.get(0)), slowest, held.entrySet().stream()
                        .filter(e -> e.getKey().id().startsWith("CONC-"))
                        .map(e -> e.getKey().id() + " " + e.getValue()).collect(Collectors.joining(", ")));
        for (int run = 1; run < runs; run++) {
            assertEquals(ids(failed.get(0)), ids(failed.get(run)), subject + ": the clauses failed in run "
                    + (run + 1) + " of " + runs + ", against those of run 1");
        }
    }

    private static String ids(Set<Clause> clauses) {
        return clauses.isEmpty() ? "none"
                : clauses.stream().map(Clause::id).collect(Collectors.joining(", "));
    }
}
