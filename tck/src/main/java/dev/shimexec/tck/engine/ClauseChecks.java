package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import dev.shimexec.spec.Clause;
import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.ExecRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The clause assertions of one scenario: checks that look only at what the implementation returned
 * and at what it returned earlier in the same scenario, never at the reference model. Each names the
 * clause it checks. They are the first opinion on every step; the model comparison is the second.
 *
 * <p>They assert only what follows from observations alone. "Surely running", for example, means the
 * exec was last seen running and nothing that could end it has been called since.
 */
final class ClauseChecks {

    private static final Instant EPOCH_DAY_ONE = Instant.parse("1970-01-02T00:00:00Z");
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    private final ExecRequest request;
    private final Profile profile;
    private final Instant createdAt;
    private final Consumer<Clause> checked;

    private ExecState lastSeen = ExecState.CREATED;
    private boolean changedSinceSeen;
    private boolean exitMayCome;
    private boolean startAttempted;
    private boolean startSucceeded;
    private boolean startFailureArmed;
    private int runningPid;
    private ExecStatus exitData;
    private int closes;
    private Long soleExitCode;
    private Clause soleExitClause;
    private boolean exitCauseMixed;

    ClauseChecks(ExecRequest request, Profile profile, Instant createdAt, Consumer<Clause> checked) {
        this.request = request;
        this.profile = profile;
        this.createdAt = createdAt;
        this.checked = checked;
    }

    /**
     * Checks what {@code input} returned at {@code step}: {@code value} if it returned, {@code error}
     * if it threw.
     *
     * @return the first clause it breaks, or null
     */
    Violation check(int step, Input input, Object value, Throwable error) {
        Violation violation = checkResult(step, input, value, error);
        noteEffects(input, error);
        return violation;
    }

    /**
     * Checks the status a wait returned at {@code step}, in the foreground or the background.
     *
     * @param blockedAtExit whether the wait was left blocked in the background before the exec exited:
     *     every such wait is released by the one exit, and all of them see identical exit data (CONC-2)
     */
    Violation checkWaitReturned(int step, String call, ExecStatus status, boolean blockedAtExit) {
        if (status != null && status.status() != TaskStatus.STOPPED) {
            return violation(Clause.WAIT_1, step, call, "no return before the exec exits",
                    "returned with status " + status.status());
        }
        if (status == null || status.exitedAtIsZero()) {
            return violation(Clause.WAIT_2, step, call, "an exit status with status STOPPED and exited-at set",
                    String.valueOf(status));
        }
        pass(Clause.WAIT_2);
        Violation seen = see(step, call, ExecState.EXITED);
        if (seen != null) {
            return seen;
        }
        if (blockedAtExit) {
            if (firstReleased == null) {
                firstReleased = status;
            } else {
                Violation v = expect(Clause.CONC_2, step, call, sameExit(firstReleased, status),
                        "exit status " + firstReleased.exitStatus() + " at " + firstReleased.exitedAt()
                                + ", as the first waiter released by the same exit",
                        "exit status " + status.exitStatus() + " at " + status.exitedAt());
                if (v != null) {
                    return v;
                }
            }
        }
        if (firstWait == null) {
            firstWait = status;
        } else {
            Violation v = expect(Clause.WAIT_4, step, call, sameExit(firstWait, status),
                    "exit status " + firstWait.exitStatus() + " at " + firstWait.exitedAt() + ", as the first wait",
                    "exit status " + status.exitStatus() + " at " + status.exitedAt());
            if (v != null) {
                return v;
            }
        }
        return checkExitData(step, call, status, Clause.WAIT_2);
    }

    /**
     * CONC-2: the waits left blocked before the exit, all released by it, returned identical exit data,
     * whichever of them woke first; each is compared with the first such wait of the scenario.
     *
     * @param calls how each wait is named, in the order of {@code statuses}
     */
    Violation checkReleasedAlike(int step, List<String> calls, List<ExecStatus> statuses) {
        if (statuses.isEmpty() || statuses.size() + (firstReleased == null ? 0 : 1) < 2) {
            return null;
        }
        ExecStatus first = firstReleased != null ? firstReleased : statuses.get(0);
        String firstCall = firstReleased != null ? "the first waiter" : calls.get(0);
        for (int i = 0; i < statuses.size(); i++) {
            ExecStatus status = statuses.get(i);
            if (!sameExit(first, status)) {
                return violation(Clause.CONC_2, step, calls.get(i), "exit status " + first.exitStatus() + " at "
                        + first.exitedAt() + ", as " + firstCall + " released by the same exit",
                        "exit status " + status.exitStatus() + " at " + status.exitedAt());
            }
        }
        pass(Clause.CONC_2);
        return null;
    }

    private ExecStatus firstWait;
    private ExecStatus firstReleased;

    private static boolean sameExit(ExecStatus a, ExecStatus b) {
        return a.exitStatus() == b.exitStatus() && a.exitedAt().equals(b.exitedAt());
    }

    private Violation checkResult(int step, Input input, Object value, Throwable error) {
        String call = input.text();
        if (input instanceof Input.Id) {
            return expect(Clause.ID_1, step, call, error == null && request.execId().equals(value),
                    "'" + request.execId() + "'", describe(value, error));
        }
        if (input instanceof Input.State) {
            if (error != null || value == null) {
                return violation(Clause.STATE_1, step, call, "one of created, running, exited", describe(value, error));
            }
            pass(Clause.STATE_1);
            return see(step, call, (ExecState) value);
        }
        if (input instanceof Input.Status) {
            if (error != null || value == null) {
                return violation(Clause.STATUS_1, step, call, "a status", describe(value, error));
            }
            pass(Clause.STATUS_1);
            return checkStatus(step, call, (ExecStatus) value);
        }
        if (input instanceof Input.Pid) {
            if (error != null) {
                return violation(startSucceeded ? Clause.PID_2 : Clause.PID_1, step, call, "a pid",
                        describe(null, error));
            }
            return checkPid(step, call, (Integer) value);
        }
        if (input instanceof Input.Start) {
            return checkStart(step, call, error);
        }
        if (input instanceof Input.Kill kill) {
            return checkKill(step, call, kill.signal(), error);
        }
        if (input instanceof Input.ResizePty) {
            return checkResize(step, call, error);
        }
        if (input instanceof Input.CloseIO) {
            Clause clause = closes > 0 ? Clause.CLOSEIO_2 : Clause.CLOSEIO_1;
            if (error == null) {
                closes++;
            }
            return expect(clause, step, call, error == null, "ok", describe(null, error));
        }
        if (input instanceof Input.ForceExit) {
            return expect(Clause.FORCE_5, step, call, error == null, "ok", describe(null, error));
        }
        return null;
    }

    /** The status {@code status()} returned; {@code pid} is what {@code pid()} said just after. */
    Violation checkStatusPid(int step, ExecStatus status, Integer pid) {
        if (pid == null || status.status() == TaskStatus.RUNNING && !startSucceeded) {
            return null;
        }
        Clause clause = Clause.PID_4;
        if (startSucceeded && pid != status.pid() && (pid == 0 || status.pid() == 0)) {
            clause = status.status() == TaskStatus.STOPPED ? Clause.PID_3 : Clause.PID_2;
        }
        return expect(clause, step, "pid()", pid == status.pid(), "status().pid " + status.pid(),
                "pid() " + pid);
    }

    private Violation checkStatus(int step, String call, ExecStatus status) {
        TaskStatus value = status.status();
        if (value != TaskStatus.CREATED && value != TaskStatus.RUNNING && value != TaskStatus.STOPPED) {
            return violation(Clause.STATE_3, step, call, "CREATED, RUNNING or STOPPED", value.name());
        }
        pass(Clause.STATE_3);
        Violation v = expect(Clause.STATUS_6, step, call,
                request.taskId().equals(status.taskId()) && request.execId().equals(status.execId()),
                "id '" + request.taskId() + "', execId '" + request.execId() + "'",
                "id '" + status.taskId() + "', execId '" + status.execId() + "'");
        if (v == null) {
            v = expect(Clause.STATUS_7, step, call, status.terminal() == request.tty(),
                    "terminal " + request.tty(), "terminal " + status.terminal());
        }
        if (v == null && value == TaskStatus.RUNNING) {
            v = expect(Clause.STATUS_2, step, call, status.exitStatus() == ExecStatus.NOT_EXITED,
                    "exit status 255 while running", "exit status " + status.exitStatus());
            if (v == null) {
                v = expect(Clause.STATUS_3, step, call, status.exitedAtIsZero(),
                        "exited-at " + ExecStatus.ZERO_TIME + " while running", "exited-at " + status.exitedAt());
            }
        }
        if (v == null && value == TaskStatus.CREATED) {
            v = expect(Clause.STATUS_4, step, call, status.exitStatus() == ExecStatus.NOT_EXITED,
                    "exit status 255 while created", "exit status " + status.exitStatus());
            if (v == null) {
                v = expect(Clause.STATUS_5, step, call, status.exitedAtIsZero(),
                        "exited-at " + ExecStatus.ZERO_TIME + " while created", "exited-at " + status.exitedAt());
            }
        }
        if (v == null) {
            v = see(step, call, stateOf(value));
        }
        if (v == null && value == TaskStatus.STOPPED) {
            v = checkExitData(step, call, status, Clause.EXIT_3);
        }
        if (v == null && value != TaskStatus.RUNNING) {
            v = checkPid(step, call + ".pid", status.pid());
        }
        return v;
    }

    private Violation checkExitData(int step, String call, ExecStatus status, Clause sameAs) {
        Instant at = status.exitedAt();
        Instant now = Instant.now();
        boolean real = !status.exitedAtIsZero() && !at.isBefore(EPOCH_DAY_ONE)
                && !at.isBefore(createdAt.minus(CLOCK_SLACK)) && !at.isAfter(now.plus(CLOCK_SLACK));
        Violation v = expect(Clause.EXIT_2, step, call, real,
                "exited-at between " + createdAt + " and " + now, "exited-at " + at);
        if (v != null) {
            return v;
        }
        if (exitData == null) {
            exitData = status;
            if (soleExitCode != null && !exitCauseMixed) {
                return expect(soleExitClause, step, call, status.exitStatus() == soleExitCode,
                        "exit status " + soleExitCode, "exit status " + status.exitStatus());
            }
            return null;
        }
        return expect(sameAs, step, call, sameExit(exitData, status),
                "exit status " + exitData.exitStatus() + " at " + exitData.exitedAt() + ", as first reported",
                "exit status " + status.exitStatus() + " at " + status.exitedAt());
    }

    private Violation checkPid(int step, String call, int pid) {
        if (!startAttempted && !changedSinceSeen && lastSeen == ExecState.CREATED) {
            return expect(Clause.PID_1, step, call, pid == 0, "pid 0 before start", "pid " + pid);
        }
        if (startSucceeded) {
            if (runningPid == 0) {
                Clause clause = lastSeen == ExecState.EXITED ? Clause.PID_3 : Clause.PID_2;
                Violation v = expect(clause, step, call, pid > 0, "a positive pid after start", "pid " + pid);
                if (v == null) {
                    runningPid = pid;
                }
                return v;
            }
            Clause clause = surelyRunning() ? Clause.PID_2 : Clause.PID_3;
            return expect(clause, step, call, pid == runningPid, "pid " + runningPid + ", as while running",
                    "pid " + pid);
        }
        return null;
    }

    private Violation checkStart(int step, String call, Throwable error) {
        if (lastSeen == ExecState.EXITED || startSucceeded && surelyRunning()) {
            Clause clause = lastSeen == ExecState.EXITED ? Clause.START_3 : Clause.START_2;
            Violation v = expectKind(clause, step, call, error, ErrorKind.FAILED_PRECONDITION);
            return v != null ? v : checkMessage(step, call, error, "start");
        }
        if (startSucceeded) {
            return null;
        }
        if (startFailureArmed && lastSeen == ExecState.CREATED && !changedSinceSeen) {
            return expect(Clause.START_4, step, call, error != null, "an error: the process cannot start", "ok");
        }
        if (!startAttempted && !changedSinceSeen && lastSeen == ExecState.CREATED) {
            return expect(Clause.START_1, step, call, error == null, "ok", describe(null, error));
        }
        return null;
    }

    private Violation checkKill(int step, String call, long signal, Throwable error) {
        if (error != null) {
            ErrorKind kind = kindOf(error);
            Violation v = expect(Clause.KILL_4, step, call,
                    kind == ErrorKind.FAILED_PRECONDITION || kind == ErrorKind.NOT_FOUND,
                    "FailedPrecondition or NotFound, if anything", describe(null, error));
            if (v != null) {
                return v;
            }
        } else {
            pass(Clause.KILL_4);
        }
        if (lastSeen == ExecState.EXITED) {
            return expectKind(Clause.KILL_3, step, call, error, ErrorKind.NOT_FOUND);
        }
        boolean surelyCreated = lastSeen == ExecState.CREATED && !changedSinceSeen && !startAttempted;
        if (surelyCreated) {
            if (profile == Profile.HCSSHIM) {
                return expect(Clause.KILL_2, step, call, error == null, "ok", describe(null, error));
            }
            Violation v = expectKind(Clause.KILL_2, step, call, error, ErrorKind.FAILED_PRECONDITION);
            return v != null ? v : checkMessage(step, call, error, "kill");
        }
        if (surelyRunning() && (signal < 1 || signal > 64)) {
            return expectKind(Clause.KILL_6, step, call, error, ErrorKind.FAILED_PRECONDITION);
        }
        return null;
    }

    private Violation checkResize(int step, String call, Throwable error) {
        boolean surelyRunning = surelyRunning();
        boolean surelyNotRunning = lastSeen == ExecState.EXITED
                || lastSeen == ExecState.CREATED && !changedSinceSeen && !startAttempted;
        if (surelyRunning) {
            if (request.tty()) {
                return expect(Clause.RESIZE_3, step, call, error == null, "ok", describe(null, error));
            }
            Violation v = expectKind(Clause.RESIZE_1, step, call, error, ErrorKind.FAILED_PRECONDITION);
            return v != null ? v : checkMessage(step, call, error, "resize");
        }
        if (surelyNotRunning) {
            if (request.tty()) {
                return expect(Clause.RESIZE_2, step, call, error == null, "ok (ignored)", describe(null, error));
            }
            if (profile == Profile.HCSSHIM) {
                return expectKind(Clause.RESIZE_4, step, call, error, ErrorKind.FAILED_PRECONDITION);
            }
            return expect(Clause.RESIZE_4, step, call, error == null, "ok (ignored)", describe(null, error));
        }
        return null;
    }

    private Violation checkMessage(int step, String call, Throwable error, String operation) {
        boolean stateKnown = lastSeen == ExecState.EXITED || !changedSinceSeen && !exitMayCome;
        if (error == null || !stateKnown) {
            return null;
        }
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        boolean complete = message.contains(request.execId().toLowerCase(Locale.ROOT))
                && message.contains(request.taskId().toLowerCase(Locale.ROOT))
                && message.contains(lastSeen.wireName())
                && message.contains(operation);
        return expect(Clause.ERR_1, step, call, complete,
                "a message naming exec '" + request.execId() + "', task '" + request.taskId() + "', state '"
                        + lastSeen.wireName() + "' and operation '" + operation + "'",
                "'" + error.getMessage() + "'");
    }

    private void noteEffects(Input input, Throwable error) {
        if (input instanceof Input.Start) {
            startAttempted = true;
            startSucceeded |= error == null;
            startFailureArmed = false;
            changedSinceSeen = true;
            if (error != null) {
                noteExitCause(Clause.START_4, 1L);
            }
        } else if (input instanceof Input.StartFailure) {
            startFailureArmed = !startAttempted;
        } else if (input instanceof Input.WorkloadExit exit) {
            changedSinceSeen = true;
            exitMayCome = true;
            if (startSucceeded && lastSeen != ExecState.EXITED) {
                noteExitCause(Clause.EXIT_1, Integer.toUnsignedLong(exit.code()));
            }
        } else if (input instanceof Input.ForceExit force) {
            boolean first = lastSeen != ExecState.EXITED && soleExitCode == null && !exitCauseMixed;
            boolean surelyCreated = lastSeen == ExecState.CREATED && !changedSinceSeen && !startAttempted;
            changedSinceSeen = true;
            exitMayCome = true;
            if (first && force.status() < 0 && (profile == Profile.STRICT || surelyCreated)) {
                noteExitCause(Clause.FORCE_6, ExecStatus.exitStatusOf(force.status()));
            } else {
                exitCauseMixed = true;
            }
        } else if (input instanceof Input.Kill || input instanceof Input.CloseIO close && close.stdin()
                && request.stdin()) {
            changedSinceSeen = true;
            if (error == null && lastSeen != ExecState.EXITED) {
                exitCauseMixed = true;
                exitMayCome = true;
            }
        }
    }

    private void noteExitCause(Clause clause, long code) {
        if (soleExitCode == null && !exitCauseMixed) {
            soleExitCode = code;
            soleExitClause = clause;
        } else {
            exitCauseMixed = true;
        }
    }

    /** Whether the exec was last seen running, and nothing that could end it happened since. */
    private boolean surelyRunning() {
        return lastSeen == ExecState.RUNNING && !changedSinceSeen && !exitMayCome;
    }

    private Violation see(int step, String call, ExecState state) {
        if (state.ordinal() < lastSeen.ordinal()) {
            return violation(Clause.STATE_2, step, call, "no step back from " + lastSeen.wireName(),
                    state.wireName());
        }
        pass(Clause.STATE_2);
        if (state != lastSeen) {
            lastSeen = state;
        }
        changedSinceSeen = false;
        return null;
    }

    private static ExecState stateOf(TaskStatus status) {
        switch (status) {
            case CREATED:
                return ExecState.CREATED;
            case RUNNING:
                return ExecState.RUNNING;
            default:
                return ExecState.EXITED;
        }
    }

    private Violation expectKind(Clause clause, int step, String call, Throwable error, ErrorKind kind) {
        return expect(clause, step, call, error != null && kindOf(error) == kind, kind.wireName(),
                describe(null, error));
    }

    private Violation expect(Clause clause, int step, String call, boolean holds, String expected, String actual) {
        if (holds) {
            pass(clause);
            return null;
        }
        return violation(clause, step, call, expected, actual);
    }

    private void pass(Clause clause) {
        checked.accept(clause);
    }

    private static Violation violation(Clause clause, int step, String call, String expected, String actual) {
        return new Violation(clause, step, call, expected, actual);
    }

    /** The error kind a failed call stands for: an {@link ExecException}'s, else Unknown. */
    static ErrorKind kindOf(Throwable error) {
        return error instanceof ExecException e ? e.kind() : ErrorKind.UNKNOWN;
    }

    /** How a result reads in a failure message. */
    static String describe(Object value, Throwable error) {
        if (error == null) {
            return value == null ? "ok" : String.valueOf(value);
        }
        if (error instanceof ExecException e) {
            return e.kind().wireName() + " ('" + e.getMessage() + "')";
        }
        return "Unknown (" + error.getClass().getName() + ": " + error.getMessage() + ")";
    }
}
