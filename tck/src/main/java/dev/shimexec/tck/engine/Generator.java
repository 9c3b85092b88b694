package dev.shimexec.tck.engine;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.Input;
import dev.shimexec.model.ModelState;
import dev.shimexec.model.Transition;
import dev.shimexec.spec.ExecState;
import dev.shimexec.tck.Capability;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes scenarios from the reference model, for the capabilities an implementation has: a transition
 * tour, bounded-exhaustive sequences and seeded random ones.
 */
final class Generator {

    /** The longest a tour sequence grows before the tour starts a fresh exec. */
    private static final int TOUR_LENGTH = 24;

    private static final Set<Class<? extends Input>> OBSERVATIONS =
            Set.of(Input.Id.class, Input.Pid.class, Input.State.class, Input.Status.class);

    private final ExecModel model;
    private final Set<Capability> capabilities;

    Generator(ExecModel model, Set<Capability> capabilities) {
        this.model = model;
        this.capabilities = capabilities;
    }

    /** The ways to create an exec that the implementation supports. */
    List<ModelState> initialStates() {
        List<ModelState> initial = new ArrayList<>();
        for (boolean tty : capabilities.contains(Capability.TTY) ? List.of(false, true) : List.of(false)) {
            for (boolean stdin : capabilities.contains(Capability.STDIN) ? List.of(false, true) : List.of(false)) {
                initial.add(ModelState.created(tty, stdin));
            }
        }
        return initial;
    }

    /** The inputs worth sending in {@code state}: every call, and the environment events that do something. */
    List<Input> enabled(ModelState state) {
        List<Input> inputs = new ArrayList<>();
        for (Input input : Input.alphabet()) {
            if (input instanceof Input.WorkloadExit) {
                if (!capabilities.contains(Capability.SELF_EXIT) || state.state() != ExecState.RUNNING
                        || state.exiting()) {
                    continue;
                }
            } else if (input instanceof Input.StartFailure) {
                if (!capabilities.contains(Capability.START_FAILURE) || state.state() != ExecState.CREATED
                        || state.startFails()) {
                    continue;
                }
            }
            inputs.add(input);
        }
        return inputs;
    }

    /** A state the model can reach, and the shortest way there. */
    record Reach(ModelState state, List<Input> path) {
    }

    /** An input sent in a behaviour state: what the tour must cover. */
    record Pair(ModelState behaviour, Input input) {
    }

    /** Every behaviour state the model can reach from {@code from}, over every branch. */
    Map<ModelState, Reach> reachable(ModelState from) {
        Map<ModelState, Reach> reach = new LinkedHashMap<>();
        Deque<ModelState> queue = new ArrayDeque<>();
        reach.put(from.behaviour(), new Reach(from, List.of()));
        queue.add(from);
        while (!queue.isEmpty()) {
            ModelState state = queue.poll();
            List<Input> path = reach.get(state.behaviour()).path();
            for (Input input : enabled(state)) {
                for (Transition t : model.step(state, input)) {
                    ModelState key = t.next().behaviour();
                    if (!reach.containsKey(key)) {
                        List<Input> longer = new ArrayList<>(path);
                        longer.add(input);
                        reach.put(key, new Reach(t.next(), List.copyOf(longer)));
                        queue.add(t.next());
                    }
                }
            }
        }
        return reach;
    }

    /** Every (behaviour state, enabled input) pair reachable from {@code initial}. */
    Set<Pair> pairs(ModelState initial) {
        Set<Pair> pairs = new LinkedHashSet<>();
        for (Map.Entry<ModelState, Reach> entry : reachable(initial).entrySet()) {
            for (Input input : enabled(entry.getValue().state())) {
                pairs.add(new Pair(entry.getKey(), input));
            }
        }
        return pairs;
    }

    /**
     * A transition tour: sequences that together send every enabled input in every reachable
     * behaviour state at least once, following the states the model predicts.
     */
    List<Scenario> tour() {
        List<Scenario> scenarios = new ArrayList<>();
        for (ModelState initial : initialStates()) {
            Map<ModelState, Reach> reach = reachable(initial);
            Set<Pair> uncovered = pairs(initial);
            while (!uncovered.isEmpty()) {
                List<Input> steps = new ArrayList<>();
                ModelState current = initial;
                int covered = 0;
                while (steps.size() < TOUR_LENGTH) {
                    Input next = firstUncovered(current, uncovered);
                    if (next != null) {
                        uncovered.remove(new Pair(current.behaviour(), next));
                        covered++;
                        steps.add(next);
                        current = model.step(current, next).get(0).next();
                        continue;
                    }
                    Reach detour = detourFrom(current, uncovered);
                    if (detour == null || steps.size() + detour.path().size() >= TOUR_LENGTH) {
                        break;
                    }
                    steps.addAll(detour.path());
                    current = detour.state();
                }
                if (covered == 0) {
                    Pair pair = uncovered.iterator().next();
                    uncovered.remove(pair);
                    steps = new ArrayList<>(reach.get(pair.behaviour()).path());
                    steps.add(pair.input());
                }
                scenarios.add(finish(initial, steps));
            }
        }
        return scenarios;
    }

    /** Every sequence of {@code depth} non-observing inputs, for every way to create an exec. */
    List<Scenario> exhaustive(int depth) {
        List<Scenario> scenarios = new ArrayList<>();
        for (ModelState initial : initialStates()) {
            extend(initial, initial, new ArrayList<>(), depth, scenarios);
        }
        return scenarios;
    }

    private void extend(ModelState initial, ModelState state, List<Input> prefix, int depth, List<Scenario> out) {
        if (prefix.size() == depth) {
            out.add(finish(initial, prefix));
            return;
        }
        for (Input input : enabled(state)) {
            if (OBSERVATIONS.contains(input.getClass())) {
                continue;
            }
            prefix.add(input);
            extend(initial, state, prefix, depth, out, input);
            prefix.remove(prefix.size() - 1);
        }
    }

    private void extend(ModelState initial, ModelState state, List<Input> prefix, int depth, List<Scenario> out,
                        Input input) {
        extend(initial, model.step(state, input).get(0).next(), prefix, depth, out);
    }

    /** {@code tries} random sequences of {@code length} steps, the same for the same seed. */
    List<Scenario> random(long seed, int tries, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ModelState> initial = initialStates();
        List<Scenario> scenarios = new ArrayList<>(tries);
        for (int i = 0; i < tries; i++) {
            ModelState start = initial.get(random.nextInt(initial.size()));
            ModelState state = start;
            List<Input> steps = new ArrayList<>(length);
            for (int j = 0; j < length; j++) {
                List<Input> inputs = enabled(state);
                Input input = inputs.get(random.nextInt(inputs.size()));
                List<Transition> branches = model.step(state, input);
                steps.add(input);
                state = branches.get(random.nextInt(branches.size())).next();
            }
            scenarios.add(finish(start, steps));
        }
        return scenarios;
    }

    /** {@code steps}, with a final forceExit when waits would otherwise be left blocked. */
    private Scenario finish(ModelState initial, List<Input> steps) {
        ModelState end = stateAt(initial, steps);
        List<Input> all = new ArrayList<>(steps);
        if (end.waiters() > 0 && end.state() != ExecState.EXITED) {
            all.add(new Input.ForceExit(1));
        }
        return new Scenario(initial.tty(), initial.stdin(), all);
    }

    private ModelState stateAt(ModelState initial, List<Input> steps) {
        ModelState state = initial;
        for (Input input : steps) {
            state = model.step(state, input).get(0).next();
        }
        return state;
    }

    private Input firstUncovered(ModelState state, Set<Pair> uncovered) {
        for (Input input : enabled(state)) {
            if (uncovered.contains(new Pair(state.behaviour(), input))) {
                return input;
            }
        }
        return null;
    }

    /** The shortest way from {@code from} to a state with an uncovered input, over every branch. */
    private Reach detourFrom(ModelState from, Set<Pair> uncovered) {
        for (Reach reach : reachable(from).values()) {
            if (!reach.path().isEmpty() && firstUncovered(reach.state(), uncovered) != null) {
                return reach;
            }
        }
        return null;
    }

}
