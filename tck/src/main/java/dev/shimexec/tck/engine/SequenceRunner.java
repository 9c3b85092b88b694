package dev.shimexec.tck.engine;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.ExitCode;
import dev.shimexec.model.Input;
import dev.shimexec.model.ModelState;
import dev.shimexec.model.Outcome;
import dev.shimexec.model.Transition;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.CallTimeoutException;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.ProviderException;
import dev.shimexec.tck.KitConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs sequential scenarios against an implementation and checks every step twice: by the clause
 * assertions of {@link ClauseChecks}, and against the outcomes the {@link ExecModel reference model}
 * allows. The model is followed as a set of possible states, since a real exec may record an exit at
 * any moment after it was caused.
 */
final class SequenceRunner {

    /** How long a wait that may or may not return is given before it counts as blocked. */
    private static final Duration SETTLE_PROBE = Duration.ofMillis(100);

    /** The longest a new wait is given to be parked inside awaitExit() before the scenario goes on. */
    static final Duration WAIT_SETTLE = Duration.ofMillis(20);

    private final ExecProvider provider;
    private final KitConfig config;
    private final CallGuard guard;
    private final ExecModel model;

    SequenceRunner(ExecProvider provider, KitConfig config, CallGuard guard) {
        this.provider = provider;
        this.config = config;
        this.guard = guard;
        this.model = new ExecModel(config.profile());
    }

    /** How many steps of a scenario ran, and the violation that stopped it, if any. */
    record Run(Violation violation, int steps) {
        boolean failed() {
            return violation != null;
        }
    }

    /**
     * Runs {@code scenario} on a fresh exec and disposes of it.
     *
     * @param checked hears every clause that was checked and held
     * @throws ProviderException if the implementation cannot be driven
     */
    Run run(Scenario scenario, Consumer<Clause> checked) {
        return run(scenario, checked, Patience.full());
    }

    /** Runs {@code scenario}, waiting for what a clause promises as long as {@code patience} says. */
    Run run(Scenario scenario, Consumer<Clause> checked, Patience patience) {
        long n = guard.nextExec();
        ExecRequest request = new ExecRequest("task-" + n, "exec-" + n, scenario.tty(), scenario.stdin());
        Instant createdAt = Instant.now();
        ShimExec exec = Calls.create(provider, guard, request);
        Session session = new Session(exec, request, new ClauseChecks(request, config.profile(),
                createdAt, checked), checked, patience);
        try {
            return session.play(scenario.steps());
        } finally {
            session.dispose();
        }
    }

    /** One scenario in progress on one exec. */
    private final class Session {

        private final ShimExec exec;
        private final ExecRequest request;
        private final ClauseChecks checks;
        private final Consumer<Clause> checked;
        private final List<Waiter> waiters = new ArrayList<>();
        private Set<ModelState> states;
        private final Patience patience;
        private Clause lastChange = Clause.START_1;
        private boolean lastChangeOnExited;
        private boolean exitConfirmed;
        private boolean forcedAfterExit;
        private int step;

        Session(ShimExec exec, ExecRequest request, ClauseChecks checks, Consumer<Clause> checked,
                Patience patience) {
            this.patience = patience;
            this.exec = exec;
            this.request = request;
            this.checks = checks;
            this.checked = checked;
            this.states = Set.of(ModelState.created(request.tty(), request.stdin()));
        }

        Run play(List<Input> steps) {
            try {
                for (Input input : steps) {
                    step++;
                    Violation v = perform(input);
                    if (v == null && isChange(input)) {
                        v = confirm(input);
                    }
                    if (v == null) {
                        v = pollWaiters();
                    }
                    if (v != null) {
                        return new Run(v, step);
                    }
                }
                Violation v = closingLook();
                return new Run(v, step);
            } catch (CallTimeoutException e) {
                return new Run(hang(e), step);
            }
        }

        /**
         * Reads status() right after a change, so that a change that left the wrong state or exit data
         * is named at once, and not at some later call that merely trips over it.
         */
        private Violation confirm(Input change) {
            Violation v = perform(new Input.Status());
            if (v == null) {
                return null;
            }
            return new Violation(v.clause(), v.step(), "status() after " + change.text(), v.expected(), v.actual());
        }

        private Violation closingLook() {
            for (Input input : List.of(new Input.Status(), new Input.State(), new Input.Pid())) {
                step++;
                Violation v = perform(input);
                if (v != null) {
                    return v;
                }
            }
            boolean boundToExit = states.stream().allMatch(s -> s.exiting() || s.state() == ExecState.EXITED)
                    && states.stream().anyMatch(ModelState::exiting);
            if (boundToExit) {
                step++;
                Clause cause = states.stream().filter(ModelState::exiting).findFirst().orElseThrow().cause();
                Future<ExecStatus> exit = guard.submit(exec::awaitExit);
                CallGuard.Result<ExecStatus> result;
                Duration limit = patience.limit(cause, config.callTimeout());
                try {
                    result = CallGuard.await("wait()", exit, limit);
                } catch (CallTimeoutException e) {
                    exit.cancel(true);
                    return new Violation(cause, step, "wait()", "the exec exits, as " + cause.id() + " demands",
                            "still not exited after " + limit.toMillis() + " ms");
                }
                checked.accept(cause);
                Violation v = returned(step, "wait()", result);
                if (v != null) {
                    return v;
                }
            }
            return pollWaiters();
        }

        private Violation perform(Input input) {
            if (input instanceof Input.Wait) {
                return performWait();
            }
            CallGuard.Result<Object> result = guard.call(input.text(), Calls.of(exec, provider, input));
            if (result.error() instanceof ProviderException e) {
                throw e;
            }
            if (input instanceof Input.Status && result.value() != null) {
                CallGuard.Result<Object> pid = guard.call("pid()", exec::pid);
                Violation v = checks.checkStatusPid(step, (ExecStatus) result.value(), (Integer) pid.value());
                if (v != null) {
                    return v;
                }
            }
            Violation v = checks.check(step, input, result.value(), result.error());
            if (v != null) {
                boolean rewritten = v.clause() == Clause.EXIT_3 && forcedAfterExit && exitDataStable();
                return rewritten ? blame(v, Clause.FORCE_4) : v;
            }
            return follow(input, abstractOutcome(input, result));
        }

        /**
         * Whether a wait begun now, on an exec that has exited, misses the wait bound too: then a
         * waiter that seemed not to be released may simply have begun its wait after the exit.
         */
        private boolean lateWaitsAreSlow() {
            return !CallGuard.finishesWithin(startWait(), patience.limit(Clause.WAIT_3, config.waitBound()));
        }

        /** {@code waiter} was not released within the wait bound of the exit: a failure of {@code clause}. */
        private Violation unreleased(Waiter waiter, Clause clause, String actual) {
            waiter.resolved = true;
            return new Violation(clause, step, waiter.call(),
                    "released within " + config.waitBound().toMillis() + " ms of the exit", actual);
        }

        /** Whether two more reads of status() agree on the exit data: it changed once, not on every read. */
        private boolean exitDataStable() {
            ExecStatus first = (ExecStatus) guard.call("status()", exec::status).value();
            ExecStatus second = (ExecStatus) guard.call("status()", exec::status).value();
            return first != null && second != null && first.exitStatus() == second.exitStatus()
                    && first.exitedAt().equals(second.exitedAt());
        }

        private Violation blame(Violation v, Clause clause) {
            return new Violation(clause, v.step(), v.call(), v.expected(), v.actual());
        }

        private Violation performWait() {
            List<Transition> allowed = allowed(new Input.Wait());
            boolean mayReturn = allowed.stream().anyMatch(t -> t.outcome() instanceof Outcome.Returned);
            boolean mayBlock = allowed.stream().anyMatch(t -> t.outcome() instanceof Outcome.Blocked);
            Future<ExecStatus> future = startWait();
            if (!mayBlock) {
                CallGuard.Result<ExecStatus> result;
                try {
                    result = CallGuard.await("wait()", future, patience.limit(Clause.WAIT_3, config.waitBound()));
                } catch (CallTimeoutException e) {
                    future.cancel(true);
                    return new Violation(Clause.WAIT_3, step, "wait()",
                            "returns within " + config.waitBound().toMillis() + " ms on an exited exec",
                            "still blocked after " + config.waitBound().toMillis() + " ms");
                }
                checked.accept(Clause.WAIT_3);
                return returned(step, "wait()", result);
            }
            if (mayReturn) {
                try {
                    CallGuard.Result<ExecStatus> result = CallGuard.await("wait()", future, SETTLE_PROBE);
                    return returned(step, "wait()", result);
                } catch (CallTimeoutException e) {
                    // Still blocked: the exit was not recorded yet, which the model allows.
                }
            }
            waiters.add(new Waiter(step, future, mayReturn));
            return follow(new Input.Wait(), new Outcome.Blocked());
        }

        /**
         * Starts awaitExit() on a kit thread, and returns once that thread is parked inside it (or
         * {@link #WAIT_SETTLE} has passed), so that what happens next in the scenario happens after the
         * wait began.
         */
        private Future<ExecStatus> startWait() {
            return guard.submitParked("wait()", exec::awaitExit, WAIT_SETTLE);
        }

        /** A wait returned at {@code at}, one not left blocked before the exit. */
        private Violation returned(int at, String call, CallGuard.Result<ExecStatus> result) {
            return returned(at, call, result, false);
        }

        /**
         * A wait returned at {@code at}: the exec must have exited, with the exit data the model holds.
         *
         * @param blockedAtExit whether it is a waiter left blocked in the background before the exit
         */
        private Violation returned(int at, String call, CallGuard.Result<ExecStatus> result, boolean blockedAtExit) {
            if (result.error() instanceof ProviderException e) {
                throw e;
            }
            if (result.failed()) {
                return new Violation(Clause.WAIT_2, at, call, "the exit status",
                        ClauseChecks.describe(null, result.error()));
            }
            Violation v = checks.checkWaitReturned(at, call, result.value(), blockedAtExit);
            if (v != null) {
                return v.clause() == Clause.WAIT_2 && !exitDataStable() ? blame(v, Clause.EXIT_3) : v;
            }
            ExecStatus status = result.value();
            Outcome actual = new Outcome.Returned(ExitCode.of(status.exitStatus()), !status.exitedAtIsZero());
            Set<ModelState> next = new LinkedHashSet<>();
            for (ModelState s : states) {
                ModelState exited = model.settle(s);
                if (exited.state() == ExecState.EXITED && exited.exit().admits(status.exitStatus())) {
                    next.add(exited.bind(status.exitStatus()));
                    if (s.exiting()) {
                        checked.accept(s.cause());
                    }
                }
            }
            if (next.isEmpty()) {
                boolean couldHaveExited = states.stream()
                        .anyMatch(s -> s.exiting() || s.state() == ExecState.EXITED);
                if (!couldHaveExited) {
                    return new Violation(Clause.WAIT_1, at, call, "no return while the exec is "
                            + describeStates(), actual.toString());
                }
                Clause cause = states.stream().map(s -> model.settle(s).cause()).filter(c -> c != null)
                        .reduce((first, last) -> last).orElse(Clause.WAIT_2);
                return new Violation(cause, at, call, "wait returns exit " + expectedExit(), actual.toString());
            }
            states = next;
            exitConfirmed = true;
            return null;
        }

        /**
         * Looks at the waits left in the background. While the exec may still be running, a wait that
         * has returned is checked on its own. Once the exec has surely exited, every open wait must
         * return (within the wait bound): all of them are awaited first, then the waits blocked before
         * the exit are compared with one another (CONC-2), whichever woke first, and only then is each
         * checked on its own.
         */
        private Violation pollWaiters() {
            boolean surelyExited = states.stream().allMatch(s -> s.state() == ExecState.EXITED);
            if (!surelyExited) {
                for (Waiter waiter : waiters) {
                    if (!waiter.resolved && waiter.future.isDone()) {
                        waiter.resolved = true;
                        Violation v = returned(step, waiter.call(),
                                CallGuard.await("wait()", waiter.future, Duration.ZERO), !waiter.late);
                        if (v != null) {
                            return v;
                        }
                        checked.accept(releaseClause());
                    }
                }
                return null;
            }
            List<Waiter> open = waiters.stream().filter(w -> !w.resolved).collect(Collectors.toList());
            if (open.isEmpty()) {
                return null;
            }
            Clause released = releaseClause();
            List<CallGuard.Result<ExecStatus>> results = new ArrayList<>();
            for (Waiter waiter : open) {
                Clause clause = waiter.late ? Clause.WAIT_3 : released;
                if (clause != Clause.WAIT_3 && patience.waitsLess(Clause.WAIT_3, config.waitBound())
                        && !waiter.future.isDone() && lateWaitsAreSlow()) {
                    // WAIT-3 has failed already and a wait begun now is slow too, so a waiter still
                    // blocked cannot be told from a late one: it is blamed on WAIT-3 at once, rather
                    // than after a wait whose end could not clear that clause.
                    return unreleased(waiter, Clause.WAIT_3, "still blocked, and so is a wait begun after the exit");
                }
                try {
                    results.add(CallGuard.await("wait()", waiter.future, patience.limit(clause, config.waitBound())));
                } catch (CallTimeoutException e) {
                    return unreleased(waiter, clause != Clause.WAIT_3 && lateWaitsAreSlow() ? Clause.WAIT_3 : clause,
                            "still blocked");
                }
            }
            List<String> blockedCalls = new ArrayList<>();
            List<ExecStatus> blockedResults = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                if (!open.get(i).late && results.get(i).value() != null) {
                    blockedCalls.add(open.get(i).call());
                    blockedResults.add(results.get(i).value());
                }
            }
            Violation apart = checks.checkReleasedAlike(step, blockedCalls, blockedResults);
            if (apart != null) {
                return apart;
            }
            for (int i = 0; i < open.size(); i++) {
                Waiter waiter = open.get(i);
                waiter.resolved = true;
                checked.accept(waiter.late ? Clause.WAIT_3 : released);
                Violation v = returned(step, waiter.call(), results.get(i), !waiter.late);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        /** The clause that promises the release of the waiters of the exit the model holds. */
        private Clause releaseClause() {
            Clause cause = states.iterator().next().cause();
            return cause != null && cause.id().startsWith("FORCE") ? Clause.FORCE_3
                    : waiters.size() > 1 ? Clause.CONC_1 : Clause.WAIT_2;
        }

        /** Moves the model along with what the implementation did, or names the clause it broke. */
        private Violation follow(Input input, Outcome actual) {
            Set<ModelState> next = new LinkedHashSet<>();
            List<Transition> allowed = new ArrayList<>();
            for (ModelState s : states) {
                for (Transition t : model.step(s, input)) {
                    allowed.add(t);
                    if (t.admits(actual)) {
                        next.add(t.resolve(actual));
                        checked.accept(t.clause());
                        if (s.exiting() && t.next().state() == ExecState.EXITED) {
                            checked.accept(s.cause());
                        }
                    }
                }
            }
            if (next.isEmpty()) {
                return disagreement(input, actual, allowed);
            }
            if (isChange(input)) {
                boolean onExited = states.stream().allMatch(st -> st.state() == ExecState.EXITED);
                lastChangeOnExited = onExited && exitConfirmed;
                forcedAfterExit |= onExited && input instanceof Input.ForceExit;
                lastChange = allowed.get(allowed.size() - 1).clause();
            }
            if (actual.exitStatus() != null) {
                exitConfirmed = true;
            }
            states = next;
            return null;
        }

        /** Whether the other view of the state, state() or status(), says what {@code actual} says. */
        private boolean viewsAgree(Input input, Outcome actual) {
            try {
                if (input instanceof Input.State && actual instanceof Outcome.State a) {
                    ExecStatus status = (ExecStatus) guard.call("status()", exec::status).value();
                    return status != null && status.status() == a.state().taskStatus();
                }
                if (actual instanceof Outcome.Status a) {
                    ExecState state = (ExecState) guard.call("state()", exec::state).value();
                    return state != null && state.taskStatus() == a.status();
                }
            } catch (CallTimeoutException e) {
                return false;
            }
            return true;
        }

        /**
         * Names the clause behind a disagreement with the model. Where the model allowed an exit to
         * have been recorded or not, the recorded branch is taken as the one meant, since a real exit
         * is rarely seen pending. A wrong exit status is put on the clause that fixed it, unless the
         * last change was a call on an exited exec, which must have changed it; a wrong state is put on
         * the last change, unless state() and status() disagree with each other.
         */
        private Violation disagreement(Input input, Outcome actual, List<Transition> allowed) {
            Transition primary = allowed.get(allowed.size() - 1);
            Clause clause = primary.clause();
            ExitCode expectedExit = primary.outcome().exitStatus();
            ExitCode actualExit = actual.exitStatus();
            boolean exitDiffers = expectedExit != null && actualExit != null
                    && !expectedExit.admits(actualExit.value());
            boolean stateDiffers = input instanceof Input.Status && actual instanceof Outcome.Status a
                    && primary.outcome() instanceof Outcome.Status e && a.status() != e.status()
                    || input instanceof Input.State && !primary.outcome().equals(actual);
            if (exitDiffers && lastChangeOnExited) {
                clause = lastChange;
            } else if (exitDiffers && primary.next().cause() != null) {
                clause = primary.next().cause();
            } else if (stateDiffers && !isChange(input)) {
                clause = viewsAgree(input, actual) ? lastChange : Clause.STATE_3;
            }
            String expected = allowed.stream().map(t -> t.outcome().toString()).distinct()
                    .collect(Collectors.joining(" or "));
            return new Violation(clause, step, input.text(), expected + " (model: " + describeStates() + ")",
                    actual.toString());
        }

        private Violation hang(CallTimeoutException e) {
            String call = e.call();
            Clause clause = call.startsWith("forceExit") ? Clause.FORCE_5
                    : call.startsWith("status") ? Clause.STATUS_1
                    : call.startsWith("state") ? Clause.STATE_1
                    : Clause.CONC_6;
            return new Violation(clause, step, call, "returns within " + e.timeout().toMillis() + " ms",
                    "did not return");
        }

        private List<Transition> allowed(Input input) {
            List<Transition> all = new ArrayList<>();
            for (ModelState s : states) {
                all.addAll(model.step(s, input));
            }
            return all;
        }

        private String expectedExit() {
            return states.stream().map(s -> String.valueOf(model.settle(s).exit())).distinct()
                    .collect(Collectors.joining(" or "));
        }

        private String describeStates() {
            return states.stream().map(ModelState::toString).distinct().collect(Collectors.joining(" | "));
        }

        private Outcome abstractOutcome(Input input, CallGuard.Result<Object> result) {
            if (input.isEnvironment()) {
                return new Outcome.Ok();
            }
            if (result.failed()) {
                return new Outcome.Failed(ClauseChecks.kindOf(result.error()));
            }
            Object value = result.value();
            if (input instanceof Input.Id) {
                return new Outcome.Id(request.execId().equals(value));
            }
            if (input instanceof Input.Pid) {
                return new Outcome.Pid((Integer) value > 0);
            }
            if (input instanceof Input.State) {
                return new Outcome.State((ExecState) value);
            }
            if (input instanceof Input.Status) {
                ExecStatus status = (ExecStatus) value;
                return new Outcome.Status(status.status(), ExitCode.of(status.exitStatus()),
                        !status.exitedAtIsZero());
            }
            return new Outcome.Ok();
        }

        void dispose() {
            for (Waiter waiter : waiters) {
                waiter.future.cancel(true);
            }
            try {
                guard.call("dispose", () -> {
                    provider.dispose(exec);
                    return null;
                });
            } catch (CallTimeoutException e) {
                throw new ProviderException("the provider did not dispose of " + request.execId() + " within "
                        + config.callTimeout().toMillis() + " ms", e);
            }
        }
    }

    private static boolean isChange(Input input) {
        return !(input instanceof Input.Id || input instanceof Input.Pid || input instanceof Input.State
                || input instanceof Input.Status || input instanceof Input.Wait);
    }

    /** A wait left blocked in the background, and whether the kit has seen it return. */
    private static final class Waiter {
        final int step;
        final Future<ExecStatus> future;
        /** Whether the exec may already have exited when this wait began: then it had to return at once. */
        final boolean late;
        boolean resolved;

        Waiter(int step, Future<ExecStatus> future, boolean late) {
            this.step = step;
            this.future = future;
            this.late = late;
        }

        /** How the wait is named in a failure message. */
        String call() {
            return "wait() from step " + step;
        }
    }
}
