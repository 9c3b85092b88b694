package dev.shimexec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.FormalModel;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.TaskStatus;
import edu.mit.csail.sdg.alloy4.Err;
import edu.mit.csail.sdg.ast.Command;
import edu.mit.csail.sdg.ast.ExprVar;
import edu.mit.csail.sdg.ast.Sig;
import edu.mit.csail.sdg.parser.CompModule;
import edu.mit.csail.sdg.translator.A4Solution;
import edu.mit.csail.sdg.translator.A4Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves that the reference state machine ({@link ExecModel}) and the formal model
 * ({@code spec/src/main/alloy/exec.als}) allow the same steps, from every abstract state the reference
 * model reaches, for every input of {@link Input#alphabet()}, under each profile.
 *
 * <p>The states are {@link ModelState#behaviour()} keys. The formal model records a pending exit as a
 * separate step; a Java transition of an exiting exec corresponds to the formal call either as the
 * state is, or after that step. Exit codes map to the model's symbols, and {@link ExitCode#ANY} to
 * {@code CodeAny}. For each input one Alloy check states both directions: (a) every Java transition is
 * a step of the formal model, and (b) every step the formal model takes for the input, with every
 * outcome it allows, is a Java transition.
 */
class FormalAgreementTests {

    /** How a parse failure names the formal model with the agreement checks. */
    private static final String AGREEMENT_MODEL = "the formal model with the agreement checks";

    @ParameterizedTest
    @EnumSource(Profile.class)
    void referenceModelAndFormalModelAllowTheSameSteps(Profile profile) {
        ExecModel model = new ExecModel(profile);

        Comparison comparison = Comparison.run(profile, model::step, model::settle);

        System.out.printf("%s: %d states, %d transitions compared with the formal model%n",
                profile.id(), comparison.states.size(), comparison.transitions);
        assertTrue(comparison.disagreements.isEmpty(), () -> "the reference model and exec.als disagree under "
                + profile.id() + ":\n" + String.join("\n", comparison.disagreements));
    }

    @Test
    void aKillThatSucceedsOnAnExitedExecIsReportedUnderKill3() {
        ExecModel model = new ExecModel(Profile.STRICT);
        BiFunction<ModelState, Input, List<Transition>> mutant = (state, input) -> model.step(state, input).stream()
                .map(t -> input instanceof Input.Kill && t.outcome().equals(new Outcome.Failed(ErrorKind.NOT_FOUND))
                        ? new Transition(new Outcome.Ok(), t.next(), t.clause())
                        : t)
                .collect(Collectors.toList());

        Comparison comparison = Comparison.run(Profile.STRICT, mutant, model::settle);

        assertEquals(EnumSet.of(Clause.KILL_3), comparison.clauses,
                () -> "clauses reported for a model whose kill succeeds once exited:\n"
                        + String.join("\n", comparison.disagreements));
    }

    /** One side of an exiting exec: the call as the state is, or after its pending exit is recorded. */
    private record Branch(ModelState pre, boolean recorded, ModelState mid, List<Transition> all,
            List<Transition> own) {

        Clause clause() {
            return (own.isEmpty() ? all : own).get(0).clause();
        }
    }

    /** The comparison of one transition function with the formal model under one profile. */
    private static final class Comparison {

        private final Profile profile;
        private final BiFunction<ModelState, Input, List<Transition>> step;
        private final UnaryOperator<ModelState> settle;
        private final Set<ModelState> states;
        private final List<String> disagreements = new ArrayList<>();
        private final Set<Clause> clauses = EnumSet.noneOf(Clause.class);
        private final Map<ModelState, String> names = new HashMap<>();
        private int transitions;

        private Comparison(Profile profile, BiFunction<ModelState, Input, List<Transition>> step,
                UnaryOperator<ModelState> settle) {
            this.profile = profile;
            this.step = step;
            this.settle = settle;
            this.states = reachable();
        }

        static Comparison run(Profile profile, BiFunction<ModelState, Input, List<Transition>> step,
                UnaryOperator<ModelState> settle) {
            Comparison comparison = new Comparison(profile, step, settle);
            comparison.compare();
            return comparison;
        }

        /**
         * Every behaviour key reachable from a created exec, for each tty and stdin setting, by inputs
         * and by the recording of a pending exit.
         */
        private Set<ModelState> reachable() {
            Set<ModelState> seen = new LinkedHashSet<>();
            Deque<ModelState> queue = new ArrayDeque<>();
            for (boolean tty : new boolean[] {false, true}) {
                for (boolean stdin : new boolean[] {false, true}) {
                    ModelState created = ModelState.created(tty, stdin);
                    seen.add(created);
                    queue.add(created);
                }
            }
            while (!queue.isEmpty()) {
                ModelState state = queue.poll();
                List<ModelState> successors = new ArrayList<>();
                if (state.exiting()) {
                    successors.add(settle.apply(state));
                }
                for (Input input : Input.alphabet()) {
                    for (Transition transition : step.apply(state, input)) {
                        successors.add(transition.next());
                    }
                }
                for (ModelState next : successors) {
                    if (seen.add(next.behaviour())) {
                        queue.add(next.behaviour());
                    }
                }
            }
            return seen;
        }

        private List<Branch> branches(ModelState state, Input input) {
            List<Transition> all = step.apply(state, input);
            List<Branch> branches = new ArrayList<>(2);
            if (!state.exiting()) {
                branches.add(new Branch(state, false, state, all, all));
                return branches;
            }
            ModelState settled = settle.apply(state).behaviour();
            Set<Transition> afterExit = new HashSet<>(step.apply(settled, input));
            List<Transition> recorded = all.stream().filter(afterExit::contains).collect(Collectors.toList());
            List<Transition> asIs = all.stream().filter(t -> !afterExit.contains(t)).collect(Collectors.toList());
            branches.add(new Branch(state, false, state, all, asIs.isEmpty() ? all : asIs));
            branches.add(new Branch(state, true, settled, all, recorded));
            return branches;
        }

        /**
         * Runs one check per input; each counterexample is recorded as a disagreement under its clause,
         * and the input is checked again without the branches of that clause until no counterexample is
         * left.
         */
        private void compare() {
            List<Input> inputs = Input.alphabet();
            StringBuilder text = new StringBuilder(FormalModel.read()).append(statePredicates());
            for (int i = 0; i < inputs.size(); i++) {
                text.append(assertion(i, inputs.get(i), Set.of()));
                for (ModelState state : states) {
                    transitions += step.apply(state, inputs.get(i)).size();
                }
            }
            CompModule world = FormalModel.parse(text.toString(), AGREEMENT_MODEL);
            for (int i = 0; i < inputs.size(); i++) {
                Input input = inputs.get(i);
                String name = "agreement" + i;
                CompModule current = world;
                A4Solution solution = FormalModel.execute(current, command(current, name));
                Set<Branch> skipped = new HashSet<>();
                while (solution.satisfiable()) {
                    Branch branch = disagreement(current, solution, input);
                    skipped.addAll(branchesWith(input, branch.clause()));
                    current = FormalModel.parse(FormalModel.read() + statePredicates() + assertion(i, input, skipped),
                            AGREEMENT_MODEL);
                    solution = FormalModel.execute(current, command(current, name));
                }
            }
        }

        private Set<Branch> branchesWith(Input input, Clause clause) {
            Set<Branch> found = new HashSet<>();
            for (ModelState state : states) {
                for (Branch branch : branches(state, input)) {
                    if (branch.clause() == clause) {
                        found.add(branch);
                    }
                }
            }
            return found;
        }

        /** Records the disagreement that {@code solution} shows and returns the branch it lies on. */
        private Branch disagreement(CompModule world, A4Solution solution, Input input) {
            ModelState pre = decode(world, solution, 0);
            ModelState mid = decode(world, solution, 1);
            boolean recorded = !mid.equals(pre);
            Branch branch = branches(pre, input).stream()
                    .filter(b -> b.recorded() == recorded)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no branch for " + pre + " and " + input.text()));
            Clause clause = branch.clause();
            clauses.add(clause);
            String java = branch.own().stream()
                    .map(t -> t.outcome() + " -> [" + t.next().behaviour() + "]")
                    .collect(Collectors.joining(" or "));
            disagreements.add("  " + clause.id() + ": " + input.text() + " on [" + pre + "]"
                    + (recorded ? " once its pending exit is recorded" : "")
                    + "\n    expected (reference model): " + (java.isEmpty() ? "no transition" : java)
                    + "\n    actual (exec.als): " + formalStep(branch, input));
            return branch;
        }

        /** What the formal model does for {@code input} on the branch: one outcome it allows and its state. */
        private String formalStep(Branch branch, Input input) {
            Call call = Call.of(input);
            String step = name(branch.pre()) + " and " + (branch.recorded() ? "exitRecorded" : "stutter")
                    + " and after " + call.text();
            String text = FormalModel.read() + statePredicates() + "run shown { "
                    + (call.declarations().isEmpty() ? step : "some " + call.declarations() + " | " + step)
                    + " } for exactly 1 Waiter, 3..3 steps\n";
            CompModule world = FormalModel.parse(text, AGREEMENT_MODEL);
            A4Solution solution = FormalModel.execute(world, world.getAllCommands().stream()
                    .filter(c -> c.label.equals("shown"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no command shown")));
            if (!solution.satisfiable()) {
                return "no step";
            }
            String values = skolems(solution);
            return (values.isEmpty() ? "" : values + " -> ") + "[" + decode(world, solution, 2) + "]";
        }

        /** One predicate per state, {@code j0}, {@code j1}, ..., that holds exactly in that state. */
        private String statePredicates() {
            StringBuilder text = new StringBuilder("\n");
            for (ModelState state : states) {
                text.append("pred ").append(name(state)).append(" { ").append(at(state)).append(" }\n");
            }
            return text.toString();
        }

        private String name(ModelState state) {
            return names.computeIfAbsent(state, s -> "j" + names.size());
        }

        /**
         * A predicate that states, for {@code input} from every state but the skipped branches, both
         * directions of the agreement, with an assertion and a check that it holds under the profile.
         */
        private String assertion(int index, Input input, Set<Branch> skipped) {
            Call call = Call.of(input);
            StringBuilder body = new StringBuilder();
            for (ModelState state : states) {
                for (Branch branch : branches(state, input)) {
                    if (skipped.contains(branch)) {
                        continue;
                    }
                    String pre = name(state);
                    String move = branch.recorded() ? "exitRecorded" : "stutter";
                    for (Transition transition : branch.own()) {
                        body.append("\n    and ((").append(pre).append(" and after ").append(name(branch.mid()))
                                .append(" and after after ").append(name(transition.next().behaviour()))
                                .append(") implies (").append(move).append(" and after ")
                                .append(call.some(call.outcome(transition.outcome()))).append("))");
                    }
                    String allowed = branch.all().stream()
                            .map(t -> "after (" + call.outcome(t.outcome()) + " and after "
                                    + name(t.next().behaviour()) + ")")
                            .collect(Collectors.joining(" or "));
                    String taken = "(" + move + " and after " + call.text() + ")";
                    body.append("\n    and (").append(pre).append(" implies ")
                            .append(call.all(taken + " implies (" + allowed + ")")).append(")");
                }
            }
            String name = "agreement" + index;
            String config = "Config.profile = " + Character.toUpperCase(profile.id().charAt(0))
                    + profile.id().substring(1);
            return "\npred " + name + " {\n    no none" + body + "\n}\n"
                    + "assert " + name + "_holds { " + config + " implies " + name + " }\n"
                    + "check " + name + "_holds for exactly 1 Waiter, 3..3 steps expect 0\n";
        }

        private static Command command(CompModule world, String name) {
            String label = name + "_holds";
            return world.getAllCommands().stream()
                    .filter(c -> c.label.equals(label))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no command " + label));
        }
    }

    /**
     * How one input reads as a call of the formal model.
     *
     * @param declarations the variables its outcome binds, such as {@code r: Reply}; empty if none
     * @param text the call, such as {@code callKill[Sig9, r]}
     * @param replies whether the call has a reply {@code r}
     */
    private record Call(String declarations, String text, boolean replies) {

        static Call of(Input input) {
            if (input instanceof Input.Id) {
                return new Call("", "callId", false);
            }
            if (input instanceof Input.Pid) {
                return new Call("p: Pid", "callPid[p]", false);
            }
            if (input instanceof Input.State) {
                return new Call("s: State", "callState[s]", false);
            }
            if (input instanceof Input.Status) {
                return new Call("st: TaskStatus, c: Code, t: Time", "callStatus[st, c, t]", false);
            }
            if (input instanceof Input.Start) {
                return new Call("r: Reply", "callStart[r]", true);
            }
            if (input instanceof Input.Kill kill) {
                return new Call("r: Reply", "callKill[" + signal(kill.signal()) + ", r]", true);
            }
            if (input instanceof Input.ResizePty) {
                return new Call("r: Reply", "callResizePty[r]", true);
            }
            if (input instanceof Input.CloseIO close) {
                return new Call("r: Reply", "callCloseIO[" + (close.stdin() ? "True" : "False") + ", r]", true);
            }
            if (input instanceof Input.Wait) {
                return new Call("w: Waiter, r: Reply", "callWait[w, r]", true);
            }
            if (input instanceof Input.ForceExit force) {
                String given = code(ExitCode.of(ExecStatus.exitStatusOf(force.status())));
                return new Call("r: Reply", "callForceExit[" + given + ", r]", true);
            }
            if (input instanceof Input.WorkloadExit exit) {
                String own = code(ExitCode.of(Integer.toUnsignedLong(exit.code())));
                return new Call("", "workloadExits[" + own + "]", false);
            }
            if (input instanceof Input.StartFailure) {
                return new Call("", "startWillFail", false);
            }
            throw new IllegalArgumentException("no formal call for " + input.text());
        }

        /** The call with {@code outcome}, for some values of its variables. */
        String some(String outcome) {
            return declarations.isEmpty()
                    ? "(" + text + " and " + outcome + ")"
                    : "(some " + declarations + " | " + text + " and " + outcome + ")";
        }

        /** {@code body} for all values of the call's variables. */
        String all(String body) {
            return declarations.isEmpty() ? "(" + body + ")" : "(all " + declarations + " | " + body + ")";
        }

        /** The outcome as a formula over this call's variables, read in the state the call is made in. */
        String outcome(Outcome outcome) {
            if (outcome instanceof Outcome.Ok) {
                return replies ? "r = Ok" : "no none";
            }
            if (outcome instanceof Outcome.Failed failed) {
                if (failed.kind() == null) {
                    return "r in Failure";
                }
                switch (failed.kind()) {
                    case FAILED_PRECONDITION:
                        return "r = FailedPrecondition";
                    case NOT_FOUND:
                        return "r = NotFound";
                    default:
                        return "r = OtherFailure";
                }
            }
            if (outcome instanceof Outcome.Id id) {
                return id.asCreated() ? "no none" : "some none";
            }
            if (outcome instanceof Outcome.Pid pid) {
                return "p = " + (pid.positive() ? "PidPositive" : "PidZero");
            }
            if (outcome instanceof Outcome.State state) {
                return "s = " + stateName(state.state());
            }
            if (outcome instanceof Outcome.Status status) {
                return "st = " + taskStatus(status.status()) + " and c = " + code(status.exitStatus()) + " and t = "
                        + (status.exitedAtSet() ? "SetTime" : "ZeroTime");
            }
            if (outcome instanceof Outcome.Blocked) {
                return "r = Blocked";
            }
            if (outcome instanceof Outcome.Returned returned) {
                return "r = Returned and Exec.exit = " + code(returned.exitStatus()) + " and Exec.exitedAt = "
                        + (returned.exitedAtSet() ? "SetTime" : "ZeroTime");
            }
            throw new IllegalArgumentException("no formal outcome for " + outcome);
        }
    }

    /** The formula that holds exactly in the formal model's state that {@code state} abstracts. */
    private static String at(ModelState state) {
        List<String> flags = new ArrayList<>();
        if (state.tty()) {
            flags.add("Tty");
        }
        if (state.stdin()) {
            flags.add("Stdin");
        }
        if (state.stdinClosed()) {
            flags.add("StdinClosed");
        }
        if (state.started()) {
            flags.add("Started");
        }
        if (state.startFails()) {
            flags.add("StartFails");
        }
        boolean exited = state.state() == ExecState.EXITED;
        return "(Exec.state = " + stateName(state.state())
                + (flags.isEmpty() ? " and no Exec.flags" : " and Exec.flags = " + String.join(" + ", flags))
                + (state.pending() == null ? " and no Exec.pending" : " and Exec.pending = " + code(state.pending()))
                + " and Exec.exit = " + (exited ? code(state.exit()) : "Code255")
                + " and Exec.exitedAt = " + (exited ? "SetTime" : "ZeroTime")
                + (state.waiters() > 0 ? " and some Exec.waiters" : " and no Exec.waiters") + ")";
    }

    /** The behaviour key of the formal model's state at {@code time} in {@code solution}. */
    private static ModelState decode(CompModule world, A4Solution solution, int time) {
        int length = solution.getTraceLength();
        int loop = solution.getLoopState();
        int index = time < length ? time : loop + (time - loop) % (length - loop);
        Sig exec = world.getAllReachableUserDefinedSigs().stream()
                .filter(sig -> sig.label.equals("this/Exec"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("exec.als has no sig Exec"));
        Map<String, List<String>> fields = new TreeMap<>();
        for (Sig.Field field : exec.getFields()) {
            List<String> atoms = new ArrayList<>();
            for (A4Tuple tuple : solution.eval(field, index)) {
                atoms.add(tuple.atom(tuple.arity() - 1).replaceAll("\\$\\d+$", ""));
            }
            fields.put(field.label, atoms);
        }
        ExecState state = ExecState.valueOf(fields.get("state").get(0).toUpperCase(Locale.ROOT));
        List<String> flags = fields.get("flags");
        List<String> pending = fields.get("pending");
        return new ModelState(state, flags.contains("Tty"), flags.contains("Stdin"), flags.contains("StdinClosed"),
                flags.contains("Started"), flags.contains("StartFails"),
                pending.isEmpty() ? null : exitCode(pending.get(0)),
                state == ExecState.EXITED ? exitCode(fields.get("exit").get(0)) : null,
                fields.get("waiters").isEmpty() ? 0 : 1, null);
    }

    private static String skolems(A4Solution solution) {
        List<String> values = new ArrayList<>();
        for (ExprVar skolem : solution.getAllSkolems()) {
            try {
                values.add(skolem.label.replaceAll("^.*_", "") + " = "
                        + solution.eval(skolem).toString().replaceAll("[{}]|\\$\\d+", ""));
            } catch (Err e) {
                values.add(skolem.label + " unreadable: " + e.msg);
            }
        }
        return String.join(", ", values);
    }

    private static final Map<Long, String> CODES = Map.of(0L, "Code0", 1L, "Code1", 7L, "Code7", 123L, "Code123",
            255L, "Code255", ExecStatus.MAX_EXIT_STATUS, "CodeMax");

    private static String code(ExitCode code) {
        if (!code.isKnown()) {
            return "CodeAny";
        }
        String name = CODES.get(code.value());
        if (name == null) {
            throw new IllegalArgumentException("exec.als has no symbol for exit status " + code);
        }
        return name;
    }

    private static ExitCode exitCode(String symbol) {
        if (symbol.equals("CodeAny")) {
            return ExitCode.ANY;
        }
        return CODES.entrySet().stream()
                .filter(entry -> entry.getValue().equals(symbol))
                .map(entry -> ExitCode.of(entry.getKey()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown exit code symbol " + symbol));
    }

    private static String signal(long signal) {
        if (signal == 9) {
            return "Sig9";
        }
        if (signal == 15) {
            return "Sig15";
        }
        if (signal < ExecModel.FIRST_SIGNAL || signal > ExecModel.LAST_SIGNAL) {
            return "SigInvalid";
        }
        throw new IllegalArgumentException("exec.als has no symbol for signal " + signal);
    }

    private static String stateName(ExecState state) {
        switch (state) {
            case CREATED:
                return "Created";
            case RUNNING:
                return "Running";
            default:
                return "Exited";
        }
    }

    private static String taskStatus(TaskStatus status) {
        switch (status) {
            case CREATED:
                return "StatusCreated";
            case RUNNING:
                return "StatusRunning";
            case STOPPED:
                return "StatusStopped";
            default:
                throw new IllegalArgumentException("an exec never reports " + status);
        }
    }
}
