package dev.shimexec.tck.report;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.ConformanceReport;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-built reports for the writers' tests: every clause passes, except those a test names. */
final class SampleReports {

    static final ReportContext CONTEXT = new ReportContext(new KitIdentity("0.1.0", KitIdentity.UNPACKAGED,
            Optional.empty()), "java -jar kit.jar --adapter './shim adapter' --profile strict",
            ReportContext.DEFAULT_SPEC_LINK, null);

    private SampleReports() {
    }

    /** A report on every clause of the catalogue: {@code failing} fail, {@code unverified} are not verified. */
    static ConformanceReport report(Set<Clause> failing, Set<Clause> unverified) {
        List<ClauseResult> results = new ArrayList<>();
        for (Clause clause : Clause.values()) {
            results.add(result(clause, failing.contains(clause) ? Verdict.FAIL
                    : unverified.contains(clause) ? Verdict.NOT_VERIFIED : Verdict.PASS));
        }
        return report(results);
    }

    static ConformanceReport report(List<ClauseResult> results) {
        return new ConformanceReport("example-shim", "1.2.3", Set.of(Capability.TTY, Capability.SELF_EXIT),
                KitConfig.defaults().withProfile(Profile.STRICT), results,
                new ConformanceReport.Statistics(Instant.parse("2026-12-03T10:00:00Z"), Duration.ofMillis(4321), 120,
                        900, 3, Map.of("transition tour", 1200L, "random, seed 20261203", 3000L)),
                "adapter: started <ok> & \"ready\"\u0001");
    }

    static ClauseResult result(Clause clause, Verdict verdict) {
        switch (verdict) {
            case FAIL:
                return new ClauseResult(clause, clause.sentence(), verdict, 7, null, counterexample(clause));
            case NOT_VERIFIED:
                return new ClauseResult(clause, clause.sentence(), verdict, 0, "the implementation lacks <tty>",
                        null);
            default:
                return new ClauseResult(clause, clause.sentence(), verdict, 42, null, null);
        }
    }

    static Counterexample counterexample(Clause clause) {
        return new Counterexample(clause, 3, "kill(9) \u2192 NotFound", "ok", "create(tty=false, stdin=false);"
                + " start(); forceExit(3); kill(9)", List.of("t0 invoke wait()", "t1 invoke forceExit(3)"), 42L, 17);
    }
}
