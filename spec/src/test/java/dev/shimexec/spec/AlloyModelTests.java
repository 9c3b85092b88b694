package dev.shimexec.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import edu.mit.csail.sdg.ast.Assert;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.ast.Sig;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the formal model {@code src/main/alloy/exec.als}: every check finds no counterexample and every
 * run finds an instance, the assertions match the clause catalogue one to one, and a check fails when
 * the model loses a line that a clause depends on.
 */
class AlloyModelTests {

    /** The comment that marks the one line of the model that the mutation test deletes. */
    private static final String REMOVABLE = "-- removable:";

    @TestFactory
    Stream<DynamicTest> everyCommandOfTheModelHasTheOutcomeItExpects() {
        CompModule world = FormalModel.parse(FormalModel.read(), FormalModel.FILE.toString());

        return world.getAllCommands().stream()
                .map(command -> DynamicTest.dynamicTest(command.label, () -> verify(world, command)));
    }

    @Test
    void everyFormalClauseHasAnAssertionPerProfileAndEveryAssertionStatesAClause() {
        CompModule world = FormalModel.parse(FormalModel.read(), FormalModel.FILE.toString());
        Set<String> assertions = world.getAllAssertions().stream()
                .map(AlloyModelTests::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> checked = world.getAllCommands().stream()
                .filter(command -> command.check)
                .map(command -> command.label)
                .collect(Collectors.toSet());

        List<String> problems = new ArrayList<>();
        for (Clause clause : Clause.values()) {
            Optional<String> alloyName = clause.formal().assertion();
            if (alloyName.isEmpty()) {
                continue;
            }
            for (Profile profile : Profile.values()) {
                String expected = alloyName.get() + "_" + profile.id();
                if (!assertions.contains(expected)) {
                    problems.add(clause.id() + ": no assertion " + expected);
                } else if (!checked.contains(expected)) {
                    problems.add(clause.id() + ": assertion " + expected + " has no check command");
                }
            }
        }
        for (String assertion : assertions) {
            if (clauseOf(assertion).isEmpty()) {
                problems.add("assertion " + assertion + " states no clause whose formal() names it");
            }
        }

        assertTrue(problems.isEmpty(), () -> "the model and the clause catalogue differ:\n  "
                + String.join("\n  ", problems));
    }

    @Test
    void removingTheLineThatMakesTheWorkloadCodeTheExitBreaksExit1Only() {
        String text = FormalModel.read();
        List<String> marked = text.lines().filter(line -> line.contains(REMOVABLE)).collect(Collectors.toList());
        assertEquals(1, marked.size(), () -> "lines marked '" + REMOVABLE + "' in " + FormalModel.FILE + ": " + marked);
        assertTrue(marked.get(0).contains("EXIT_1"), () -> "the marked line names another clause: " + marked.get(0));
        String mutant = text.lines()
                .filter(line -> !line.contains(REMOVABLE))
                .collect(Collectors.joining("\n", "", "\n"));
        CompModule world = FormalModel.parse(mutant, FormalModel.FILE + " without the marked line");

        Set<String> broken = new TreeSet<>();
        for (Command command : world.getAllCommands()) {
            if (command.check && FormalModel.execute(world, command).satisfiable()) {
                broken.add(command.label);
            }
        }

        assertEquals(Set.of("EXIT_1_hcsshim", "EXIT_1_strict"), broken,
                "checks with a counterexample once the marked line is gone");
    }

    private static void verify(CompModule world, Command command) {
        if (command.expects != 0 && command.expects != 1) {
            fail(command.label + ": the command states no 'expect 0' or 'expect 1'");
        }
        A4Solution solution = FormalModel.execute(world, command);
        if (command.check && solution.satisfiable()) {
            String clause = clauseOf(command.label).map(Clause::id).orElse("no clause");
            fail(clause + " does not hold under " + profileOf(command.label) + ": check " + command.label
                    + " expected no counterexample but found one:\n" + describe(world, solution));
        }
        if (!command.check && !solution.satisfiable()) {
            fail("run " + command.label + " expected an instance but found none: the scenario cannot happen, or"
                    + " the trace predicate of " + profileOf(command.label) + " rules out every trace");
        }
        int found = solution.satisfiable() ? 1 : 0;
        assertEquals(command.expects, found, () -> command.label + ": expect " + command.expects);
    }

    /** The assertion's name without the module prefix Alloy gives it. */
    private static String name(Assert assertion) {
        String label = assertion.label;
        return label.substring(label.lastIndexOf('/') + 1);
    }

    /** The clause an assertion such as {@code KILL_3_strict} states, found by its profile suffix. */
    private static Optional<Clause> clauseOf(String assertion) {
        for (Profile profile : Profile.values()) {
            String suffix = "_" + profile.id();
            if (assertion.endsWith(suffix)) {
                String alloyName = assertion.substring(0, assertion.length() - suffix.length());
                return Arrays.stream(Clause.values())
                        .filter(clause -> clause.formal().assertion().filter(alloyName::equals).isPresent())
                        .findFirst();
            }
        }
        return Optional.empty();
    }

    private static String profileOf(String label) {
        return Arrays.stream(Profile.values())
                .map(Profile::id)
                .filter(id -> label.endsWith("_" + id))
                .findFirst()
                .orElse("an unnamed profile");
    }

    /** The trace of an instance, one line per state: every field of the exec, and where the trace loops. */
    private static String describe(CompModule world, A4Solution solution) {
        Sig exec = sig(world, "Exec");
        Sig config = sig(world, "Config");
        StringBuilder text = new StringBuilder("  profile ")
                .append(atoms(solution, config.getFields().get(0), 0)).append('\n');
        for (int state = 0; state < solution.getTraceLength(); state++) {
            text.append("  state ").append(state).append(':');
            for (Sig.Field field : exec.getFields()) {
                text.append(' ').append(field.label).append('=').append(atoms(solution, field, state));
            }
            text.append('\n');
        }
        return text.append("  then back to state ").append(solution.getLoopState()).toString();
    }

    private static Sig sig(CompModule world, String name) {
        return world.getAllReachableUserDefinedSigs().stream()
                .filter(sig -> sig.label.equals("this/" + name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the model has no sig " + name));
    }

    private static String atoms(A4Solution solution, Sig.Field field, int state) {
        List<String> values = new ArrayList<>();
        for (A4Tuple tuple : solution.eval(field, state)) {
            int last = tuple.arity() - 1;
            String atom = tuple.atom(last);
            values.add(tuple.sig(last).isOne != null ? atom.replaceAll("\\$\\d+$", "") : atom);
        }
        return values.isEmpty() ? "none" : String.join("+", values);
    }
}
