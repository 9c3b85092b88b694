package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.model.Input;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConcurrentScenarioTests {

    @Test
    void textFormReadsBackToTheSameScenario() {
        String text = "concurrent(tty=true, stdin=false): start(); wait(); "
                + "[forceExit(3) | resizePty(120, 30), status() | wait()]; kill(9)";

        ConcurrentScenario scenario = ConcurrentScenario.parse(text);

        assertEquals(text, scenario.text());
        assertTrue(scenario.tty());
        assertEquals(List.of(new Input.Start(), new Input.Wait()), scenario.before());
        assertEquals(List.of(List.of(new Input.ForceExit(3)),
                List.of(new Input.ResizePty(120, 30), new Input.Status()), List.of(new Input.Wait())),
                scenario.threads());
        assertEquals(List.of(new Input.Kill(9)), scenario.after());
        assertEquals(7, scenario.length());
    }

    @Test
    void onlyConcurrentTextIsRecognised() {
        assertTrue(ConcurrentScenario.isConcurrent(" concurrent(tty=false, stdin=false): [wait()]"));

        assertFalse(ConcurrentScenario.isConcurrent("create(tty=false, stdin=false); start(); wait()"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "concurrent(tty=false, stdin=false): start(); wait()",
        "concurrent(tty=false): [wait()]",
        "concurrent(tty=false, stdin=false): [wait() | ]",
        "concurrent(tty=false, stdin=false): [wait()]; [wait()]",
        "concurrent(tty=false, stdin=false): [wait() | forceExit(3)",
        "concurrent(tty=false, stdin=false): [wait() | fly()]",
        "create(tty=false, stdin=false): [wait()]"})
    void malformedTextIsRejectedNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConcurrentScenario.parse(text));

        assertTrue(e.getMessage().contains("'"), () -> "expected the message to quote the fault, but was '"
                + e.getMessage() + "'");
    }

    @Test
    void aLoneWaitingThreadBecomesAWaitBeforeTheRace() {
        ConcurrentScenario scenario = ConcurrentScenario.parse(
                "concurrent(tty=false, stdin=false): start(); [wait() | forceExit(3)]");

        ConcurrentScenario fewerThreads = scenario.withThreadWaitingBefore(0);

        assertEquals("concurrent(tty=false, stdin=false): start(); wait(); [forceExit(3)]", fewerThreads.text());
    }

    @Test
    void theLastThreadIsNeverDropped() {
        ConcurrentScenario scenario = ConcurrentScenario.parse("concurrent(tty=false, stdin=false): [forceExit(3)]");

        assertEquals(null, scenario.withoutThread(0));
        assertEquals(null, scenario.withoutCall(0, 0));
    }
}
