package dev.shimexec.tck.engine;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.ModelState;
import dev.shimexec.model.Outcome;
import dev.shimexec.model.Transition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a history of concurrent calls is linearizable with respect to the reference model
 * (clause CONC-7): whether each call can be given one instant between its invocation and its response
 * so that, in the order of those instants, every call returns what {@link ExecModel#step} allows.
 *
 * <p>The search is Wing and Gong's, with Lowe's memo of (calls placed, model state) pairs already
 * explored: it places, one at a time, a call that no unplaced call's response precedes, follows every
 * model transition that admits what the call returned, and backs up when none does. Waits are
 * ordinary calls here: a wait that returned must be placed where the model has the exec exited (or
 * about to record its exit) with the exit data the wait showed. A call that never returned is left
 * out, since it imposes nothing on the others; that a pending wait must be released is clause CONC-1,
 * which the runner checks with clocks, not here.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class Linearizability {

    /** The most search nodes one check may visit before it gives up undecided. */
    static final int NODE_BUDGET = 500_000;

    private final ExecModel model;

    Linearizability(ExecModel model) {
        this.model = model;
    }

    /**
     * The verdict on one history.
     *
     * @param decided false if the search ran out of its node budget; then nothing else is meaningful
     * @param linearizable whether a linearization exists
     * @param order the linearization found, or else the longest prefix of one
     * @param stuck for a history that is not linearizable, the call that could not be placed after
     *     {@code order}; null otherwise
     * @param expected what the model allowed {@code stuck} to return there
     * @param state the model state after {@code order}, as text
     */
    record Result(boolean decided, boolean linearizable, List<History.Call> order, History.Call stuck,
                  String expected, String state) {
    }

    /**
     * Checks {@code calls} from the model state {@code initial}.
     *
     * @param execId the id the exec was created with, to abstract what {@code id()} returned
     */
    Result check(ModelState initial, List<History.Call> calls, String execId) {
        List<History.Call> ops = calls.stream().filter(c -> !c.pending())
                .sorted(Comparator.comparingLong(History.Call::invoked)).collect(Collectors.toList());
        Search search = new Search(ops, execId);
        boolean found = search.place(new BitSet(ops.size()), initial, new ArrayList<>());
        if (search.nodes > NODE_BUDGET) {
            return new Result(false, false, List.of(), null, "", "");
        }
        if (found) {
            return new Result(true, true, List.copyOf(search.witness), null, "", "");
        }
        return new Result(true, false, List.copyOf(search.deepest), search.stuck, search.stuckExpected,
                String.valueOf(search.deepestState));
    }

    private final class Search {
        private final List<History.Call> ops;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final Set<Object> explored = new HashSet<>();
        private int nodes;
        private List<History.Call> witness = List.of();
        private List<History.Call> deepest = List.of();
        private ModelState deepestState;
        private History.Call stuck;
        private String stuckExpected = "";

        Search(List<History.Call> ops, String execId) {
            this.ops = ops;
            for (History.Call op : ops) {
                outcomes.add(op.outcome(execId));
            }
        }

        /** Whether the calls not yet in {@code done} can be placed after {@code order}, from {@code state}. */
        boolean place(BitSet done, ModelState state, List<History.Call> order) {
            if (done.cardinality() == ops.size()) {
                witness = List.copyOf(order);
                return true;
            }
            if (++nodes > NODE_BUDGET || !explored.add(List.of(done.clone(), state))) {
                return false;
            }
            long firstResponse = Long.MAX_VALUE;
            for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
                firstResponse = Math.min(firstResponse, ops.get(i).returned());
            }
            History.Call unplaceable = null;
            String allowed = null;
            for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
                History.Call op = ops.get(i);
                if (op.invoked() >= firstResponse) {
                    break;
                }
                Outcome actual = outcomes.get(i);
                boolean admitted = false;
                for (Transition t : model.step(state, op.input())) {
                    if (!t.admits(actual)) {
                        continue;
                    }
                    admitted = true;
                    done.set(i);
                    order.add(op);
                    boolean placed = place(done, t.resolve(actual), order);
                    order.remove(order.size() - 1);
                    done.clear(i);
                    if (placed) {
                        return true;
                    }
                    if (nodes > NODE_BUDGET) {
                        return false;
                    }
                }
                if (!admitted && unplaceable == null) {
                    unplaceable = op;
                    allowed = model.step(state, op.input()).stream().map(t -> t.outcome().toString()).distinct()
                            .collect(Collectors.joining(" or "));
                }
            }
            if (unplaceable != null && (stuck == null || order.size() > deepest.size())) {
                deepest = List.copyOf(order);
                deepestState = state;
                stuck = unplaceable;
                stuckExpected = allowed;
            }
            return false;
        }
    }
}
