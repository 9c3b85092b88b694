package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.CallTimeoutException;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs concurrent scenarios against an implementation and records their {@link History histories}.
 * It judges on the spot what only clocks can tell, while the scenario runs: a call that does not
 * return (clause CONC-6) and a waiter that is not released once the exec has exited (CONC-1; FORCE-3
 * when a force-exit ended the exec and the waiter was blocked before). What the history shows
 * afterwards is for {@link ConcurrencyChecks}.
 *
 * <h2>Threads</h2>
 *
 * <p>Every call goes out on a daemon thread of the kit's {@link CallGuard}. Steps before and after the
 * block are made one at a time by the scenario's main thread; a {@code wait()} among them gets a
 * thread of its own and is left blocked: the main thread goes on once that thread is parked inside the
 * call, and before the block waits {@link #SETTLE} more, so that those waits are blocked when the race
 * begins. Each thread of the block gets its own thread; they all wait at a start gate until every one
 * of them is ready, and are let go together. The main thread then
 * waits until the scenario settles: every thread has finished or is blocked in a wait on an exec that
 * has not been seen to exit. A non-wait call still out after the call timeout is a deadlock (CONC-6); a
 * wait still out longer than the release grace after {@code state()} or {@code status()} reported the
 * exec exited (or after it began, if later) was never released (CONC-1 or FORCE-3).
 */
final class ConcurrentRunner {

    /**
     * How long a wait left in the background is given to be parked inside the call, and how long the
     * waits made before the block are given on top, before the threads of the block are let go.
     */
    static final Duration SETTLE = Duration.ofMillis(20);

    /** How often the closing look asks {@code state()} while an exit is on its way. */
    private static final long POLL_MILLIS = 5;

    /** Exec ids stay unique across every run in this JVM, as an adapter requires. */

    private final ExecProvider provider;
    private final KitConfig config;
    private final CallGuard guard;

    ConcurrentRunner(ExecProvider provider, KitConfig config, CallGuard guard) {
        this.provider = provider;
        this.config = config;
        this.guard = guard;
    }

    /**
     * One run of a scenario.
     *
     * @param scenario what ran
     * @param request how its exec was created
     * @param history every call, frozen
     * @param violation CONC-6 or CONC-1, if the run broke one of them; null otherwise
     * @param exitMissed whether the closing look waited its whole limit for an exit that was due and
     *     {@code state()} never reported it
     */
    record Run(ConcurrentScenario scenario, ExecRequest request, History history, Violation violation,
               boolean exitMissed) {
    }

    /**
     * How long a run waits before it judges.
     *
     * @param grace how long after the exit was seen a waiter may stay blocked before it counts as never
     *     released (CONC-1, FORCE-3)
     * @param hang how long a call other than a wait may take before it counts as a deadlock (CONC-6)
     * @param exit how long the closing look waits for {@code state()} to report an exit that is due
     */
    record Limits(Duration grace, Duration hang, Duration exit) {

        /** The full call timeout for each: as a replay runs. */
        static Limits full(KitConfig config) {
            return new Limits(config.callTimeout(), config.callTimeout(), config.callTimeout());
        }
    }

    /**
     * Runs {@code scenario} on a fresh exec, then disposes of it.
     *
     * @throws ProviderException if the implementation cannot be driven
     */
    Run run(ConcurrentScenario scenario, Limits limits) {
        long n = guard.nextExec();
        ExecRequest request = new ExecRequest("task-c" + n, "exec-c" + n, scenario.tty(), scenario.stdin());
        ShimExec exec = Calls.create(provider, guard, request);
        Session session = new Session(exec, request, limits);
        Violation violation = null;
        try {
            session.play(scenario);
        } catch (Stop stop) {
            violation = stop.violation;
        } finally {
            session.close(violation != null);
        }
        for (History.Call call : session.history.calls()) {
            if (call.error() instanceof ProviderException e) {
                throw e;
            }
        }
        return new Run(scenario, request, session.history, violation, session.exitMissed);
    }

    /** Ends a run early with the violation it found. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Violation violation;

        Stop(Violation violation) {
            super(violation.clause().id(), null, false, false);
            this.violation = violation;
        }
    }

    /** A thread of the block: its task, and the call it made last. */
    private static final class Lane {
        private Future<?> task;
        private volatile History.Call current;
    }

    /** One scenario in progress on one exec. */
    private final class Session {

        private final ShimExec exec;
        private final ExecRequest request;
        private final long graceNanos;
        private final Duration hangLimit;
        private final Duration exitLimit;
        private boolean exitMissed;
        private final History history = new History();
        private final List<Future<?>> tasks = new ArrayList<>();
        private final List<Lane> lanes = new ArrayList<>();
        private volatile boolean stopped;
        private int background;

        Session(ShimExec exec, ExecRequest request, Limits limits) {
            this.exec = exec;
            this.request = request;
            this.graceNanos = limits.grace().toNanos();
            this.hangLimit = limits.hang();
            this.exitLimit = limits.exit();
        }

        void play(ConcurrentScenario scenario) {
            for (Input input : scenario.before()) {
                step(input);
            }
            if (background > 0) {
                pause(SETTLE.toMillis());
            }
            race(scenario.threads());
            settle();
            for (Input input : scenario.after()) {
                step(input);
            }
            settle();
            closingLook();
        }

        /** A step on the main thread: a wait is left in the background, anything else awaited. */
        private void step(Input input) {
            if (input instanceof Input.Wait) {
                inBackground("w" + ++background, input);
            } else {
                inForeground("main", input);
            }
        }

        private History.Call inForeground(String thread, Input input) {
            History.Call call = history.invoke(thread, input);
            Future<?> task = guard.submit(() -> perform(call));
            tasks.add(task);
            try {
                CallGuard.await(input.text(), task, hangLimit);
            } catch (CallTimeoutException e) {
                throw new Stop(hang(call));
            }
            if (call.error() instanceof ProviderException e) {
                throw e;
            }
            return call;
        }

        /** A wait left in the background; returns once its thread is parked in the call, or after {@link #SETTLE}. */
        private void inBackground(String thread, Input input) {
            History.Call call = history.invoke(thread, input);
            tasks.add(guard.submitParked(input.text(), () -> perform(call), SETTLE));
        }

        /** Lets every thread of the block go at once, through a start gate. */
        private void race(List<List<Input>> threads) {
            CountDownLatch ready = new CountDownLatch(threads.size());
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < threads.size(); i++) {
                Lane lane = new Lane();
                String name = "t" + (i + 1);
                List<Input> calls = threads.get(i);
                lane.task = guard.submit(() -> {
                    ready.countDown();
                    go.await();
                    for (Input input : calls) {
                        if (stopped) {
                            break;
                        }
                        History.Call call = history.invoke(name, input);
                        lane.current = call;
                        perform(call);
                    }
                    return null;
                });
                lanes.add(lane);
                tasks.add(lane.task);
            }
            try {
                if (!ready.await(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the kit could not start " + threads.size() + " threads within "
                            + config.callTimeout().toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the threads of a scenario", e);
            }
            go.countDown();
        }

        /**
         * Waits until every thread has finished or is blocked in a wait on an exec not seen to exit,
         * judging hangs (CONC-6) and unreleased waiters (CONC-1, FORCE-3) on the way. A waiter is judged
         * only once the exit data is known too, so that the clause can be named after the exit's cause;
         * until then it counts as blocked on a live exec, and the closing look, which asks for the
         * status, judges it.
         */
        private void settle() {
            while (true) {
                long now = System.nanoTime();
                Long seen = history.exitSeen();
                if (seen != null && history.calls().stream().noneMatch(c -> c.exitData() != null)) {
                    seen = null;
                }
                boolean quiet = true;
                for (History.Call call : history.calls()) {
                    if (!call.pending()) {
                        continue;
                    }
                    if (!call.isWait()) {
                        if (now - call.invoked() > hangLimit.toNanos()) {
                            throw new Stop(hang(call));
                        }
                        quiet = false;
                    } else if (seen != null) {
                        long since = Math.max(seen, call.invoked());
                        if (now - since > graceNanos) {
                            throw new Stop(unreleased(call, seen));
                        }
                        quiet = false;
                    }
                }
                for (Lane lane : lanes) {
                    History.Call current = lane.current;
                    if (!lane.task.isDone() && (current == null || !current.pending())) {
                        quiet = false;
                    }
                }
                if (quiet) {
                    return;
                }
                try {
                    history.awaitChange(POLL_MILLIS * 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while a scenario ran", e);
                }
            }
        }

        /**
         * The closing look: waits for an exit that is on its way (until {@code state()} says exited or
         * fails), asks {@code state()} and {@code status()}, lets every released waiter return, and adds
         * two late waits on the exited exec.
         */
        private void closingLook() {
            if (exitIsDue()) {
                long deadline = System.nanoTime() + exitLimit.toNanos();
                exitMissed = true;
                while (System.nanoTime() < deadline) {
                    ExecState state = askState();
                    if (state == null || state == ExecState.EXITED) {
                        exitMissed = false;
                        break;
                    }
                    pause(POLL_MILLIS);
                }
            }
            inForeground("close", new Input.State());
            inForeground("close", new Input.Status());
            settle();
            if (history.exitSeen() != null) {
                for (int late = 0; late < 2; late++) {
                    inBackground("close", new Input.Wait());
                    settle();
                }
            }
        }

        /** Whether a call so far obliges the exec to exit: a force-exit, a kill, a workload exit, and so on. */
        private boolean exitIsDue() {
            List<History.Call> calls = history.calls();
            boolean started = calls.stream().anyMatch(c -> c.input() instanceof Input.Start && !c.pending());
            for (History.Call call : calls) {
                if (call.pending()) {
                    continue;
                }
                Input input = call.input();
                boolean ok = call.error() == null;
                if (ok && (input instanceof Input.ForceExit || input instanceof Input.Kill
                        || input instanceof Input.WorkloadExit || input instanceof Input.CloseIO c && c.stdin()
                        && request.stdin() && started)
                        || input instanceof Input.Start && ConcurrencyChecks.startFailed(call)) {
                    return true;
                }
            }
            return false;
        }

        /** state(), unrecorded: the closing look's poll; null if it failed. */
        private ExecState askState() {
            try {
                CallGuard.Result<ExecState> result = guard.call("state()", exec::state);
                if (result.error() instanceof ProviderException e) {
                    throw e;
                }
                return result.value();
            } catch (CallTimeoutException e) {
                throw new Stop(new Violation(Clause.CONC_6, history.calls().size() + 1, "state() on close",
                        "returns within the call timeout of " + config.callTimeout().toMillis() + " ms",
                        "no return after " + config.callTimeout().toMillis() + " ms"));
            }
        }

        /** Makes {@code call} and records its response; returns null, so that it can go out as a task. */
        private Object perform(History.Call call) {
            Object value = null;
            Throwable error = null;
            try {
                value = Calls.of(exec, provider, call.input()).call();
            } catch (Throwable t) {
                error = t;
            }
            history.respond(call, value, error);
            return null;
        }

        /**
         * A waiter not released once the exec was seen exited. A waiter that began before a force-exit
         * with the recorded exit status returned (so that it may have been blocked when that force-exit
         * recorded the exit) was not released by it: FORCE-3, as the sequential scenarios name it. Any
         * other (an exit by a kill or by the workload, a wait that began once the force-exit had
         * returned) is CONC-1. So is a wait that raced the force-exit, when a fresh wait on the exited
         * exec does not return within the wait bound either: then it may simply have come after the exit.
         */
        private Violation unreleased(History.Call call, long seen) {
            String expected = "released once the exec has exited; state() or status() reported it exited at "
                    + millis(seen);
            String actual = "still blocked " + graceNanos / 1_000_000 + " ms later";
            Long exitStatus = history.calls().stream().filter(c -> c.exitData() != null)
                    .min(Comparator.comparingLong(History.Call::returned))
                    .map(c -> c.exitData().exitStatus()).orElse(null);
            boolean forced = exitStatus != null && history.calls().stream().anyMatch(c -> c.invoked() < seen
                    && c.input() instanceof Input.ForceExit force
                    && ExecStatus.exitStatusOf(force.status()) == exitStatus
                    && call.invoked() < (c.pending() ? seen : c.returned()));
            boolean racedTheExit = call.invoked() >= ConcurrencyChecks.firstCause(history.calls());
            if (forced && !(racedTheExit && lateWaitsHang())) {
                return new Violation(Clause.FORCE_3, call.index(), label(call),
                        expected + "; the exit was a force-exit's, with exit status " + exitStatus, actual);
            }
            return new Violation(Clause.CONC_1, call.index(), label(call), expected, actual);
        }

        /** Whether a fresh wait on the exec, unrecorded, fails to return within the wait bound. */
        private boolean lateWaitsHang() {
            return !CallGuard.finishesWithin(guard.submit(exec::awaitExit), config.waitBound());
        }

        /** A call out longer than the hang limit: the call timeout, or one wait bound once CONC-6 has failed. */
        private Violation hang(History.Call call) {
            return new Violation(Clause.CONC_6, call.index(), label(call),
                    "returns within the call timeout of " + config.callTimeout().toMillis() + " ms",
                    "no return after " + hangLimit.toMillis() + " ms");
        }

        private String label(History.Call call) {
            return "#" + call.index() + " " + call.input().text() + " on " + call.thread();
        }

        private String millis(long nanos) {
            return String.format(java.util.Locale.ROOT, "%+.3f ms", history.millis(nanos));
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a scenario ran", e);
            }
        }

        /** Stops the threads, freezes the history and disposes of the exec. */
        void close(boolean broken) {
            stopped = true;
            history.freeze();
            for (Future<?> task : tasks) {
                task.cancel(true);
            }
            try {
                guard.call("dispose", () -> {
                    provider.dispose(exec);
                    return null;
                });
            } catch (CallTimeoutException e) {
                if (!broken) {
                    throw new ProviderException("the provider did not dispose of " + request.execId() + " within "
                            + config.callTimeout().toMillis() + " ms", e);
                }
            }
        }
    }
}
