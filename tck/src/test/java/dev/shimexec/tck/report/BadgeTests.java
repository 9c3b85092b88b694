package dev.shimexec.tck.report;

import static dev.shimexec.tck.report.SampleReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shimexec.spec.Clause;
import dev.shimexec.tck.ClauseResult;
import dev.shimexec.tck.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BadgeTests {

    @Test
    void everyClauseCheckedAndEveryMustAndShouldHoldingIsBrightGreen() {
        Badge badge = Badge.of(report(Set.of(), Set.of()));

        assertEquals(new Badge("shimexec strict", "conforms", "brightgreen"), badge);
    }

    @Test
    void clausesOutsideTheDeclaredCapabilitiesMakeItYellowAndAreCounted() {
        Badge badge = Badge.of(report(Set.of(), Set.of(Clause.START_4, Clause.CLOSEIO_3, Clause.KILL_6)));

        assertEquals(new Badge("shimexec strict", "conforms, 3 unverified", "yellow"), badge);
    }

    @Test
    void anUnreachedMustClauseWithinTheCapabilitiesMakesItIncomplete() {
        Badge badge = Badge.of(report(Set.of(), Set.of(Clause.CONC_1, Clause.START_4)));

        assertEquals(new Badge("shimexec strict", "incomplete, 2 MUST unverified", "orange"), badge);
    }

    @Test
    void aFailingShouldClauseMakesItYellow() {
        Badge badge = Badge.of(report(Set.of(Clause.ERR_1), Set.of()));

        assertEquals(new Badge("shimexec strict", "conforms, 1 SHOULD failing", "yellow"), badge);
    }

    @Test
    void failingMustClausesMakeItRedAndAreCounted() {
        Badge badge = Badge.of(report(Set.of(Clause.KILL_3, Clause.WAIT_1, Clause.ERR_1), Set.of(Clause.CONC_1)));

        assertEquals(new Badge("shimexec strict", "2 MUST failing", "red"), badge);
    }

    @Test
    void aRunOfSomeClausesSaysHowManyAndIsYellow() {
        List<ClauseResult> some = List.of(SampleReports.result(Clause.KILL_3, Verdict.PASS),
                SampleReports.result(Clause.WAIT_1, Verdict.PASS));

        Badge badge = Badge.of(report(some));

        assertEquals(new Badge("shimexec strict", "conforms, 2 of " + Clause.values().length + " clauses", "yellow"),
                badge);
    }

    @Test
    void aRunThatVerifiedNothingClaimsNothing() {
        Badge badge = Badge.of(report(Set.of(), Set.of(Clause.values())));

        assertEquals(new Badge("shimexec strict", "nothing verified", "lightgrey"), badge);
    }
}
