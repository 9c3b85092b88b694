package dev.shimexec.tck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.Input;
import dev.shimexec.model.ModelState;
import dev.shimexec.model.Transition;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.Capability;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GenerationTests {

    private final ExecModel model = new ExecModel(Profile.STRICT);
    private final Generator everything = new Generator(model, EnumSet.allOf(Capability.class));

    @Test
    void tourSendsEveryEnabledInputInEveryReachableStateItPredicts() {
        Set<Generator.Pair> visited = new HashSet<>();
        for (Scenario scenario : everything.tour()) {
            Set<ModelState> states = Set.of(ModelState.created(scenario.tty(), scenario.stdin()));
            for (Input input : scenario.steps()) {
                Set<ModelState> next = new HashSet<>();
                for (ModelState state : states) {
                    visited.add(new Generator.Pair(state.behaviour(), input));
                    model.step(state, input).stream().map(Transition::next).forEach(next::add);
                }
                states = next;
            }
        }

        int pairs = 0;
        for (ModelState initial : everything.initialStates()) {
            Set<Generator.Pair> required = everything.pairs(initial);
            pairs += required.size();
            required.removeAll(visited);
            assertTrue(required.isEmpty(), () -> "the tour misses " + required.size() + " pairs, such as "
                    + required.iterator().next());
        }
        assertTrue(pairs > 500, "the model has " + pairs + " (state, input) pairs");
    }

    @Test
    void boundedExhaustiveEnumeratesEverySequenceOfTheGivenLength() {
        List<Scenario> depthOne = everything.exhaustive(1);
        List<Scenario> depthTwo = everything.exhaustive(2);

        long createdInputs = Input.alphabet().stream().filter(i -> !(i instanceof Input.WorkloadExit))
                .filter(i -> !(i instanceof Input.Id || i instanceof Input.Pid || i instanceof Input.State
                        || i instanceof Input.Status)).count();
        assertEquals(4 * createdInputs, depthOne.size());
        assertTrue(depthTwo.size() > depthOne.size() * 8);
        assertEquals(depthTwo.size(), new HashSet<>(depthTwo).size(), "no sequence twice");
    }

    @Test
    void randomSequencesAreTheSameForTheSameSeedAndDifferForAnother() {
        List<Scenario> first = everything.random(42, 20, 12);
        List<Scenario> again = everything.random(42, 20, 12);
        List<Scenario> other = everything.random(43, 20, 12);

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void missingCapabilitiesLeaveOutTheInputsAndCreationsThatNeedThem() {
        Generator bare = new Generator(model, EnumSet.noneOf(Capability.class));

        List<Scenario> scenarios = bare.tour();

        assertTrue(scenarios.stream().noneMatch(s -> s.tty() || s.stdin()));
        assertTrue(scenarios.stream().flatMap(s -> s.steps().stream())
                .noneMatch(i -> i instanceof Input.WorkloadExit || i instanceof Input.StartFailure));
    }

    @Test
    void scenariosReadBackFromTheirTextAndBadTextIsNamed() {
        Scenario scenario = new Scenario(true, false, List.of(new Input.Start(), new Input.ResizePty(120, 30),
                new Input.WorkloadExit(123), new Input.Wait()));

        assertEquals(scenario, Scenario.parse(scenario.text()));
        IllegalArgumentException noCreate = assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("start(); kill(9)"));
        IllegalArgumentException badStep = assertThrows(IllegalArgumentException.class,
                () -> Scenario.parse("create(tty=false, stdin=false); launch()"));
        assertTrue(noCreate.getMessage().contains("create("), noCreate.getMessage());
        assertTrue(badStep.getMessage().contains("launch"), badStep.getMessage());
    }
}
