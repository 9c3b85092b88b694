package dev.shimexec.tck.engine;

import dev.shimexec.model.ExitCode;
import dev.shimexec.model.Input;
import dev.shimexec.model.Outcome;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The history of one concurrent scenario: every call, with the thread that made it, when it was invoked
 * and when it returned ({@link System#nanoTime()}), and what it returned.
 *
 * <p>Thread-safe: the threads of a scenario record into one history at once. Times are taken under the
 * history's lock, the invocation before the call goes out and the response after it came back, so an
 * interval recorded here always contains the call's real one. Once {@link #freeze() frozen}, a history
 * ignores further responses: a call still running then stays pending for good.
 */
final class History {

    private final long origin;
    private final List<Call> calls = new ArrayList<>();
    private boolean frozen;

    /** An empty history whose timeline counts from now. */
    History() {
        this.origin = System.nanoTime();
    }

    /** One call of the scenario. Its response fields are written once, under the history's lock. */
    static final class Call {
        private final int index;
        private final String thread;
        private final Input input;
        private final long invoked;
        private volatile long returned;
        private volatile Object value;
        private volatile Throwable error;

        private Call(int index, String thread, Input input, long invoked) {
            this.index = index;
            this.thread = thread;
            this.input = input;
            this.invoked = invoked;
        }

        /** The call's number in order of invocation, counted from 1. */
        int index() {
            return index;
        }

        /** The thread that made the call: {@code main}, {@code t1}..., {@code w1}... or {@code close}. */
        String thread() {
            return thread;
        }

        Input input() {
            return input;
        }

        /** When the call was invoked, in {@link System#nanoTime()} units. */
        long invoked() {
            return invoked;
        }

        /** When it returned; meaningless while {@link #pending()}. */
        long returned() {
            return returned;
        }

        /** Whether the call had not returned when the history was frozen. */
        boolean pending() {
            return returned == 0;
        }

        boolean isWait() {
            return input instanceof Input.Wait;
        }

        /** What the call returned; null for a call that returns nothing, threw, or is pending. */
        Object value() {
            return value;
        }

        /** What the call threw; null otherwise. */
        Throwable error() {
            return error;
        }

        /** The exit data this call showed, if it showed any: a returned wait, or a status of an exited exec. */
        ExecStatus exitData() {
            if (pending() || error != null || !(value instanceof ExecStatus status)) {
                return null;
            }
            return isWait() || status.status() == TaskStatus.STOPPED ? status : null;
        }

        /** Whether the call reported the exec exited: a state() or status() that said so. */
        boolean sawExited() {
            if (pending() || error != null) {
                return false;
            }
            return value == ExecState.EXITED || input instanceof Input.Status && value instanceof ExecStatus s
                    && s.status() == TaskStatus.STOPPED;
        }

        /**
         * What the call returned, abstracted as the reference model speaks of it.
         *
         * @param execId the id the exec was created with
         */
        Outcome outcome(String execId) {
            if (input.isEnvironment()) {
                return new Outcome.Ok();
            }
            if (error != null) {
                return new Outcome.Failed(ClauseChecks.kindOf(error));
            }
            if (input instanceof Input.Id) {
                return new Outcome.Id(execId.equals(value));
            }
            if (input instanceof Input.Pid) {
                return new Outcome.Pid(value instanceof Integer pid && pid > 0);
            }
            if (input instanceof Input.State) {
                return new Outcome.State((ExecState) value);
            }
            if (input instanceof Input.Status) {
                ExecStatus status = (ExecStatus) value;
                return new Outcome.Status(status.status(), ExitCode.of(status.exitStatus()),
                        !status.exitedAtIsZero());
            }
            if (input instanceof Input.Wait) {
                ExecStatus status = (ExecStatus) value;
                return new Outcome.Returned(ExitCode.of(status.exitStatus()), !status.exitedAtIsZero());
            }
            return new Outcome.Ok();
        }

        /** The call and its result, as the timeline and failure messages print them. */
        String describe() {
            return pending() ? input.text() + " (pending)" : input.text() + " → " + result();
        }

        /** The result alone. */
        String result() {
            if (pending()) {
                return "no return";
            }
            if (error != null) {
                return error instanceof ExecException e ? e.kind().wireName()
                        : "Unknown (" + error.getClass().getSimpleName() + ")";
            }
            if (value == null) {
                return "ok";
            }
            if (value instanceof ExecStatus s) {
                return describe(s);
            }
            if (value instanceof ExecState state) {
                return state.wireName();
            }
            if (input instanceof Input.Pid) {
                return "pid " + value;
            }
            return "'" + value + "'";
        }

        /** Exit data in short form: status, exit status, exited-at and pid. */
        static String describe(ExecStatus s) {
            return s.status() + " exit " + s.exitStatus() + " at " + (s.exitedAtIsZero() ? "zero time" : s.exitedAt())
                    + ", pid " + s.pid();
        }

        @Override
        public String toString() {
            return "#" + index + " " + thread + " " + describe();
        }
    }

    /** Records that {@code thread} invokes {@code input} now. */
    synchronized Call invoke(String thread, Input input) {
        Call call = new Call(calls.size() + 1, thread, input, System.nanoTime());
        calls.add(call);
        return call;
    }

    /** Records that {@code call} returned {@code value} or threw {@code error} now; ignored once frozen. */
    synchronized void respond(Call call, Object value, Throwable error) {
        if (frozen) {
            return;
        }
        call.value = value;
        call.error = error;
        call.returned = Math.max(System.nanoTime(), call.invoked + 1);
        notifyAll();
    }

    /** Waits until a call returns, or {@code nanos} have passed. */
    synchronized void awaitChange(long nanos) throws InterruptedException {
        if (nanos > 0) {
            wait(Math.max(1, nanos / 1_000_000), 0);
        }
    }

    /** Stops the history: responses from now on are ignored. */
    synchronized void freeze() {
        frozen = true;
    }

    /** Every call so far, in order of invocation. */
    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The first time a state() or status() reported the exec exited, as the call's response; null if none did. */
    synchronized Long exitSeen() {
        Long first = null;
        for (Call call : calls) {
            if (call.sawExited() && (first == null || call.returned < first)) {
                first = call.returned;
            }
        }
        return first;
    }

    /** Milliseconds from the start of the history to {@code nanos}. */
    double millis(long nanos) {
        return (nanos - origin) / 1_000_000.0;
    }

    /**
     * The timeline: one line per invocation and per response, in the order they happened, with the time
     * since the start in milliseconds, the thread, and the call; calls still pending at the end close it.
     */
    synchronized List<String> timeline() {
        record Event(long at, int index, boolean invoke, Call call) {
        }
        List<Event> events = new ArrayList<>();
        for (Call call : calls) {
            events.add(new Event(call.invoked, call.index, true, call));
            if (!call.pending()) {
                events.add(new Event(call.returned, call.index, false, call));
            }
        }
        events.sort(Comparator.comparingLong(Event::at).thenComparing(Event::invoke).thenComparingInt(Event::index));
        List<String> lines = new ArrayList<>();
        for (Event e : events) {
            lines.add(String.format(Locale.ROOT, "%+10.3f ms  %-5s  %-6s  #%d %s", millis(e.at), e.call.thread,
                    e.invoke ? "invoke" : "return", e.index, e.invoke ? e.call.input.text() : e.call.describe()));
        }
        for (Call call : calls) {
            if (call.pending()) {
                lines.add(String.format(Locale.ROOT, "%13s  %-5s  %-6s  #%d %s (still blocked at the end)", "",
                        call.thread, "never", call.index, call.input.text()));
            }
        }
        return lines;
    }
}
