package dev.shimexec.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CatalogueTests {

    private static final Pattern ID = Pattern.compile("[A-Z]+-[1-9][0-9]*");

    @Test
    void idsAreUniqueWellFormedAndMatchTheConstantNames() {
        Set<String> seen = new HashSet<>();

        for (Clause clause : Clause.values()) {
            assertTrue(ID.matcher(clause.id()).matches(), () -> clause.id() + " is not of the form WORD-n");
            assertTrue(seen.add(clause.id()), () -> clause.id() + " is used twice");
            assertEquals(clause.name(), clause.id().replace('-', '_'), () -> clause.id() + " has a mismatched constant");
        }
    }

    @Test
    void catalogueHoldsWellOverTwentyClausesEachWithOneSentenceIntentAndSource() {
        assertTrue(Clause.values().length > 30, "the catalogue holds " + Clause.values().length + " clauses");

        for (Clause clause : Clause.values()) {
            assertTrue(clause.sentence().endsWith("."), () -> clause.id() + ": the rule must be one sentence");
            assertFalse(clause.sentence().substring(0, clause.sentence().length() - 1).contains(". "),
                    () -> clause.id() + ": the rule must be one sentence, not several");
            assertFalse(clause.intent().isBlank(), () -> clause.id() + " has no intent");
            assertFalse(clause.source().isBlank(), () -> clause.id() + " has no source");
        }
    }

    @Test
    void everyOpenPointIsDecidedAndCarriedByClauses() {
        assertEquals(12, Decision.values().length);

        for (Decision decision : Decision.values()) {
            assertFalse(decision.clauses().isEmpty(), () -> decision + " is carried by no clause");
            for (Clause clause : decision.clauses()) {
                assertTrue(clause.source().contains("decision " + decision.name())
                        || clause.source().contains("decisions " + decision.name()),
                        () -> clause.id() + " carries " + decision + " but does not name it as its source");
            }
        }
    }

    @Test
    void everyMustClauseIsFormalisedOrSaysWhyNot() {
        for (Clause clause : Clause.values()) {
            assertTrue(clause.formal().assertion().isPresent() ^ clause.formal().gap().isPresent(),
                    () -> clause.id() + " must have an assertion or a reason, not both or neither");
        }
    }

    @Test
    void hcsshimDepartsFromStrictOnlyWhereTheRealExecDoes() {
        Set<Clause> departures = EnumSet.copyOf(Profile.HCSSHIM.departures().keySet());

        assertEquals(EnumSet.of(Clause.KILL_2, Clause.FORCE_2, Clause.RESIZE_4, Clause.WAIT_3, Clause.CONC_5),
                departures);
        assertTrue(Profile.STRICT.departures().isEmpty());
        assertTrue(Profile.HCSSHIM.waitBound().compareTo(Profile.STRICT.waitBound()) > 0);
    }

    @Test
    void lookupsNameWhatWasNotFound() {
        IllegalArgumentException clause = assertThrows(IllegalArgumentException.class, () -> Clause.byId("KILL-99"));
        IllegalArgumentException profile = assertThrows(IllegalArgumentException.class, () -> Profile.byId("runc"));

        assertTrue(clause.getMessage().contains("KILL-99"));
        assertTrue(profile.getMessage().contains("runc"));
        assertEquals(Clause.KILL_3, Clause.byId("KILL-3"));
        assertEquals(Profile.HCSSHIM, Profile.byId("hcsshim"));
    }

    @Test
    void statusRecordEnforcesTheUnsignedExitStatusAndTheZeroTime() {
        assertThrows(IllegalArgumentException.class, () -> status(-1));
        assertThrows(IllegalArgumentException.class, () -> status(0x1_0000_0000L));

        assertEquals(4294967295L, ExecStatus.exitStatusOf(-1));
        assertTrue(status(255).exitedAtIsZero());
        assertEquals(3, TaskStatus.STOPPED.number());
        assertEquals("FailedPrecondition", ErrorKind.FAILED_PRECONDITION.wireName());
        assertEquals(ErrorKind.NOT_FOUND, ErrorKind.fromWireName("NotFound"));
    }

    @Test
    void invalidStateErrorNamesExecTaskStateAndOperation() {
        ExecException error = ExecException.invalidState("t1", "e1", ExecState.RUNNING, "start");

        assertEquals(ErrorKind.FAILED_PRECONDITION, error.kind());
        assertTrue(Arrays.stream(new String[] {"t1", "e1", "running", "start"})
                .allMatch(part -> error.getMessage().contains(part)), error.getMessage());
    }

    private static ExecStatus status(long exitStatus) {
        return new ExecStatus("t", "e", "", 0, TaskStatus.CREATED, "", "", "", false, exitStatus,
                ExecStatus.ZERO_TIME);
    }
}
