package dev.shimexec.tck.engine;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.Input;
import dev.shimexec.model.ModelState;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.tck.KitConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks on the history of one concurrent scenario, each naming its clause. The runner has already
 * judged what needs clocks while the scenario ran (CONC-6; CONC-1 or FORCE-3), and a violation it found comes
 * first; these look at the frozen history (up to where the runner stopped, if it did), in this order.
 * The first clause broken is reported; every check runs, and each clause that held is counted as
 * checked:
 *
 * <ol>
 *   <li>CONC-5: every wait known to have been blocked at the exit (one left in the background before
 *       any call that could end the exec) returned within the wait bound once {@code state()} or
 *       {@code status()} first reported the exec exited. (Waits of the block's threads race the exit,
 *       and a wait that begins after it is clause WAIT-3's, which the sequential scenarios check.)
 *   <li>CONC-2: the waits known to have been blocked at the exit saw identical exit data. (Waits made
 *       by the threads of the block race the exit; whether they began before it is not known, so they
 *       count under CONC-3.)
 *   <li>CONC-4 and CONC-3: every call that showed exit data (a returned wait, the status of an exited
 *       exec) showed the same exit status and exited-at as the first. Two exit statuses when
 *       force-exits with different statuses raced in the block are two winners, CONC-4; any other
 *       disagreement, such as a record first seen without its exited-at or with another time, is
 *       CONC-3.
 *   <li>CONC-7: the history is {@link Linearizability linearizable} with respect to the reference model.
 *       When force-exits with different statuses raced and the call that cannot be placed showed exit
 *       data, the exit status is not one the race allows, and the clause is CONC-4.
 * </ol>
 */
final class ConcurrencyChecks {

    private final KitConfig config;
    private final Linearizability linearizability;
    private final Function<Scenario, Violation> sequential;

    /**
     * Checks against {@code config}'s profile.
     *
     * @param sequential runs a sequential scenario on a fresh exec and returns the clause it breaks, or
     *     null; it tells whether a disagreement or an unexplained history shows a sequential fault
     */
    ConcurrencyChecks(KitConfig config, Function<Scenario, Violation> sequential) {
        this.config = config;
        this.linearizability = new Linearizability(new ExecModel(config.profile()));
        this.sequential = sequential;
    }

    /**
     * What a check found: the clause broken, and for a fault that shows without concurrency, the
     * sequential scenario that shows it.
     *
     * @param violation the clause broken and where
     * @param sequential the sequential scenario that breaks {@code violation}'s clause; null for a fault
     *     of the concurrent scenario itself
     */
    record Finding(Violation violation, Scenario sequential) {
    }

    /**
     * Checks one run. A disagreement on exit data (CONC-2 to CONC-4) or a history that is not
     * linearizable (CONC-7) is first replayed without concurrency: the calls, one at a time, in each of
     * the {@link #sequentialOrders orders} that may show a sequential fault. If such a sequential scenario
     * breaks a clause, the fault is that clause's, and is reported so; a sequential fault is not a
     * concurrency fault, and the sequential scenarios report it under its own clause.
     *
     * @param checked hears every clause that was checked and held
     * @return the first clause broken, or null
     */
    Finding check(ConcurrentRunner.Run run, Consumer<Clause> checked) {
        History history = run.history();
        List<History.Call> calls = history.calls();
        Violation stopped = run.violation();
        boolean noHang = calls.stream().noneMatch(c -> c.pending() && !c.isWait());
        if (noHang && (stopped == null || stopped.clause() != Clause.CONC_6)) {
            checked.accept(Clause.CONC_6);
        }
        Long seen = history.exitSeen();
        List<History.Call> waits = calls.stream().filter(c -> c.isWait() && !c.pending())
                .sorted(Comparator.comparingLong(History.Call::returned)).collect(Collectors.toList());
        if (stopped == null && seen != null && !waits.isEmpty()) {
            checked.accept(Clause.CONC_1);
        }
        Violation late = checkWaitBound(history, waits, seen, checked);
        ModelState initial = ModelState.created(run.request().tty(), run.request().stdin());
        Linearizability.Result result = linearizability.check(initial, calls, run.request().execId());
        Violation disagreement = checkAgreement(calls, checked);
        Violation unexplained = checkLinearizable(result, calls, checked);
        if (stopped != null || late != null) {
            return new Finding(stopped != null ? stopped : late, null);
        }
        Violation found = disagreement != null ? disagreement : unexplained;
        if (found == null) {
            return null;
        }
        if (sequential != null) {
            for (Scenario alone : sequentialOrders(run, result, disagreement == null)) {
                Violation shown = sequential.apply(alone);
                if (shown != null) {
                    return new Finding(shown, alone);
                }
            }
        }
        return new Finding(found, null);
    }

    /**
     * The calls of {@code run}, one at a time, in the orders that may show a sequential fault behind a
     * finding: that of the linearization found, or of its longest prefix, then the other calls in order
     * of invocation, waits last, so that no wait is left blocked; and, for a history that is not
     * linearizable, also the order of invocation, which puts a call that raced a change before it. (A
     * disagreement on exit data between waiters and later readers is not replayed in that order: waits
     * left blocked one after another race the exit as much as concurrent ones do.) A workload exit
     * placed before any start is left out, as it could not have been caused then.
     */
    private static List<Scenario> sequentialOrders(ConcurrentRunner.Run run, Linearizability.Result result,
                                                  boolean byInvocation) {
        List<History.Call> calls = run.history().calls();
        List<List<History.Call>> orders = new ArrayList<>();
        if (result.decided()) {
            List<History.Call> order = new ArrayList<>(result.order());
            calls.stream().filter(c -> !c.pending() && !result.order().contains(c))
                    .sorted(Comparator.comparing(History.Call::isWait).thenComparingLong(History.Call::invoked))
                    .forEach(order::add);
            orders.add(order);
        }
        if (byInvocation) {
            orders.add(calls.stream().filter(c -> !c.pending() || c.isWait())
                    .sorted(Comparator.comparingLong(History.Call::invoked)).collect(Collectors.toList()));
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (List<History.Call> order : orders) {
            List<Input> steps = new ArrayList<>();
            boolean started = false;
            for (History.Call call : order) {
                started |= call.input() instanceof Input.Start;
                if (started || !(call.input() instanceof Input.WorkloadExit)) {
                    steps.add(call.input());
                }
            }
            Scenario alone = new Scenario(run.request().tty(), run.request().stdin(), steps);
            if (!scenarios.contains(alone)) {
                scenarios.add(alone);
            }
        }
        return scenarios;
    }

    private Violation checkWaitBound(History history, List<History.Call> waits, Long seen, Consumer<Clause> checked) {
        if (seen == null) {
            return null;
        }
        long bound = config.waitBound().toNanos();
        boolean measured = false;
        long firstCause = firstCause(history.calls());
        for (History.Call wait : waits) {
            if (wait.returned() <= seen || !blockedBeforeExit(wait, firstCause)) {
                continue;
            }
            measured = true;
            if (wait.returned() - seen > bound) {
                return new Violation(Clause.CONC_5, wait.index(), label(wait),
                        "returns within the wait bound of " + config.waitBound().toMillis() + " ms once state() or"
                                + " status() reported the exec exited, at " + ms(history, seen),
                        String.format(Locale.ROOT, "returned %.0f ms later, at %s", (wait.returned() - seen) / 1e6,
                                ms(history, wait.returned())));
            }
        }
        if (measured) {
            checked.accept(Clause.CONC_5);
        }
        return null;
    }

    private Violation checkAgreement(List<History.Call> calls, Consumer<Clause> checked) {
        List<History.Call> shown = calls.stream().filter(c -> c.exitData() != null)
                .sorted(Comparator.comparingLong(History.Call::returned)).collect(Collectors.toList());
        long firstCause = firstCause(calls);
        List<History.Call> oneExit = shown.stream().filter(c -> blockedBeforeExit(c, firstCause))
                .collect(Collectors.toList());
        if (oneExit.size() >= 2) {
            Violation v = disagreement(Clause.CONC_2, oneExit);
            if (v != null) {
                return v;
            }
            checked.accept(Clause.CONC_2);
        }
        Set<Long> racing = racingStatuses(calls);
        if (shown.size() >= 2) {
            History.Call first = shown.get(0);
            for (History.Call other : shown.subList(1, shown.size())) {
                if (!same(first.exitData(), other.exitData())) {
                    boolean twoStatuses = first.exitData().exitStatus() != other.exitData().exitStatus();
                    Clause clause = racing.size() >= 2 && twoStatuses ? Clause.CONC_4 : Clause.CONC_3;
                    return differs(clause, first, other);
                }
            }
            checked.accept(Clause.CONC_3);
            if (racing.size() >= 2) {
                checked.accept(Clause.CONC_4);
            }
        }
        return null;
    }

    private Violation checkLinearizable(Linearizability.Result result, List<History.Call> calls,
                                        Consumer<Clause> checked) {
        if (!result.decided()) {
            return null;
        }
        if (result.linearizable()) {
            checked.accept(Clause.CONC_7);
            return null;
        }
        History.Call stuck = result.stuck();
        String order = result.order().isEmpty() ? "at the start"
                : "after " + result.order().stream().map(c -> "#" + c.index() + " " + c.input().text())
                        .collect(Collectors.joining(", "));
        Set<Long> racing = racingStatuses(calls);
        if (racing.size() >= 2 && stuck.exitData() != null) {
            return new Violation(Clause.CONC_4, stuck.index(), label(stuck),
                    "exit status one of " + racing + " (the racing forceExit calls), or one that a racing kill or"
                            + " workload exit allows; the model allows " + result.expected() + " " + order,
                    stuck.result());
        }
        return new Violation(Clause.CONC_7, stuck.index(), label(stuck),
                "a linearization: " + order + " the model (" + result.state() + ") allows " + result.expected(),
                stuck.result() + "; no order of the calls within their intervals explains it");
    }

    /** The first pair in {@code calls} whose exit data differ, as a violation of {@code clause}; null if none. */
    private static Violation disagreement(Clause clause, List<History.Call> calls) {
        History.Call first = calls.get(0);
        for (History.Call other : calls.subList(1, calls.size())) {
            if (!same(first.exitData(), other.exitData())) {
                return differs(clause, first, other);
            }
        }
        return null;
    }

    private static Violation differs(Clause clause, History.Call first, History.Call other) {
        return new Violation(clause, other.index(), label(other),
                "the exit data " + label(first) + " showed: " + History.Call.describe(first.exitData()),
                History.Call.describe(other.exitData()));
    }

    private static boolean same(ExecStatus a, ExecStatus b) {
        return a.exitStatus() == b.exitStatus() && a.exitedAt().equals(b.exitedAt());
    }

    /**
     * The distinct exit statuses of the forceExit calls made by the threads of the block, if two threads
     * made one; empty otherwise.
     */
    private static Set<Long> racingStatuses(List<History.Call> calls) {
        Set<Long> statuses = new TreeSet<>();
        List<String> threads = new ArrayList<>();
        for (History.Call call : calls) {
            if (call.input() instanceof Input.ForceExit force && call.thread().startsWith("t")) {
                statuses.add(ExecStatus.exitStatusOf(force.status()));
                threads.add(call.thread());
            }
        }
        return threads.stream().distinct().count() >= 2 ? statuses : Set.of();
    }

    /** When the first call that could end the exec was invoked; {@link Long#MAX_VALUE} if none was. */
    static long firstCause(List<History.Call> calls) {
        return calls.stream().filter(ConcurrencyChecks::mayEndExec).mapToLong(History.Call::invoked).min()
                .orElse(Long.MAX_VALUE);
    }

    /**
     * Whether {@code call} is a wait known to have been blocked when the exec exited: one left in the
     * background (not a thread of the block, whose waits race the exit) before any call that could end
     * the exec was made.
     */
    static boolean blockedBeforeExit(History.Call call, long firstCause) {
        return call.isWait() && call.thread().startsWith("w") && call.invoked() < firstCause;
    }

    /**
     * Whether {@code call} is one that can end the exec: a start only if it failed, other than by
     * refusing a precondition, or has not returned.
     */
    static boolean mayEndExec(History.Call call) {
        Input input = call.input();
        return input instanceof Input.ForceExit || input instanceof Input.Kill
                || input instanceof Input.WorkloadExit || input instanceof Input.CloseIO close && close.stdin()
                || input instanceof Input.Start && (call.pending() || startFailed(call));
    }

    /**
     * Whether {@code call}, a start that returned, failed to start the process (which ends the exec),
     * rather than refused a precondition (which changes nothing).
     */
    static boolean startFailed(History.Call call) {
        return call.error() != null && ClauseChecks.kindOf(call.error()) != ErrorKind.FAILED_PRECONDITION;
    }

    static String label(History.Call call) {
        return "#" + call.index() + " " + call.input().text() + " on " + call.thread();
    }

    private static String ms(History history, long nanos) {
        return String.format(Locale.ROOT, "%+.3f ms", history.millis(nanos));
    }
}
