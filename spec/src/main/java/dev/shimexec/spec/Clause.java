package dev.shimexec.spec;

import static dev.shimexec.spec.Level.MUST;
import static dev.shimexec.spec.Level.SHOULD;

import java.util.Objects;

/**
 * The clause catalogue: every rule of the exec contract, one check each.
 *
 * <p>This enum is the single source of the catalogue. {@code spec/SPEC.md} renders it, and a test
 * fails when the two differ. Ids are stable: a clause may be reworded, never renumbered; a withdrawn
 * id is not reused. Sentences state the {@link Profile#STRICT strict} profile; a profile that departs
 * from a clause says so in {@link Profile#departure(Clause)}.
 */
public enum Clause {

    ID_1("ID-1", MUST, "id() returns the exec id given at creation, in every state.",
            "Clients find an exec by its id; an id that changes loses the exec.",
            "interface: ID",
            Formal.notModelled("Ids are opaque strings; the model has one exec and no names.")),

    PID_1("PID-1", MUST, "pid() is 0 while the exec is created.",
            "No process exists before start, so no pid can be reported.",
            "interface: Pid; decision O6",
            Formal.asserted("PID-1")),
    PID_2("PID-2", MUST, "pid() is a positive number while the exec is running.",
            "A running exec has a process, and clients signal and account for it by pid.",
            "interface: Pid; decision O6",
            Formal.asserted("PID-2")),
    PID_3("PID-3", MUST, "After the exec exits, pid() still reports the pid it had while running.",
            "Clients that look up an exec after its exit still need to know which process it was.",
            "decision O6; public report R4",
            Formal.asserted("PID-3")),
    PID_4("PID-4", MUST, "status().pid equals pid() whenever both are read in the same state.",
            "Two views of one fact must not disagree.",
            "interface: Pid, Status; public report R4",
            Formal.notModelled("The model abstracts the pid to zero or assigned; equality of two reads of"
                    + " the concrete number is checked on the implementation only.")),

    STATE_1("STATE-1", MUST, "state() answers in every state, without error, with one of created,"
            + " running or exited.",
            "State is the question every client asks first; it cannot be refused.",
            "interface: State",
            Formal.notModelled("Totality of a call is a property of the implementation's code, not of"
                    + " the state machine; the kit checks it on every step.")),
    STATE_2("STATE-2", MUST, "The state only moves forward: created to running to exited, or created"
            + " straight to exited; never back.",
            "Clients act on the state they saw; a state that goes back invalidates their decisions.",
            "interface: shimExecState; contract notes section 1",
            Formal.asserted("STATE-2")),
    STATE_3("STATE-3", MUST, "status().status is CREATED, RUNNING or STOPPED, matching state().",
            "containerd reads the enum, not the exec's own state; both must tell the same story.",
            "interface: Status; containerd task.proto",
            Formal.asserted("STATE-3")),

    STATUS_1("STATUS-1", MUST, "status() answers in every state, without error.",
            "Status is polled at any time by containerd and by clients.",
            "interface: Status",
            Formal.notModelled("Totality of a call is a property of the implementation's code; the kit"
                    + " checks it on every step.")),
    STATUS_2("STATUS-2", MUST, "While the exec is running, status() reports exit status 255.",
            "255 is the agreed 'not exited yet' value that clients test for.",
            "interface: Status",
            Formal.asserted("STATUS-2")),
    STATUS_3("STATUS-3", MUST, "While the exec is running, status() reports the zero time as exited-at.",
            "A zero exit time is how clients know that no exit has happened.",
            "interface: Status",
            Formal.asserted("STATUS-3")),
    STATUS_4("STATUS-4", MUST, "While the exec is created, status() reports exit status 255.",
            "A created exec has not exited either; it reports as a running one does.",
            "decision O5",
            Formal.asserted("STATUS-4")),
    STATUS_5("STATUS-5", MUST, "While the exec is created, status() reports the zero time as exited-at.",
            "A created exec has not exited either; it reports as a running one does.",
            "decision O5",
            Formal.asserted("STATUS-5")),
    STATUS_6("STATUS-6", MUST, "status() reports the task id as id and the exec id as execId.",
            "containerd routes status reports by these two ids.",
            "interface: Status; containerd StateResponse",
            Formal.notModelled("Ids are opaque strings; the model has one exec and no names.")),
    STATUS_7("STATUS-7", MUST, "status().terminal equals the tty setting the exec was created with.",
            "Clients attach to a tty exec differently from a piped one.",
            "interface: Status; containerd StateResponse",
            Formal.notModelled("Follows from the tty flag being a constant of the model; checked on the"
                    + " implementation's report.")),

    EXIT_1("EXIT-1", MUST, "When the workload ends by itself with code c, the exec's exit status is c.",
            "The exit code is the result of the user's command; losing it loses the result.",
            "interface: Status, Wait; public report R7",
            Formal.asserted("EXIT-1")),
    EXIT_2("EXIT-2", MUST, "Once the exec has exited, exited-at is a real time: not the zero time, not"
            + " 1970-01-01, not before the exec was created and not after it is read.",
            "Clients compute durations and order events from the exit time.",
            "interface: Status; public report R5",
            Formal.notModelled("The model abstracts time to zero or set; the real-time window is"
                    + " checked against the kit's clock.")),
    EXIT_3("EXIT-3", MUST, "Once the exec has exited, its exit status and exited-at never change.",
            "Exit data is read by several parties at different times; they must agree.",
            "decision O12; public report R10",
            Formal.asserted("EXIT-3")),

    START_1("START-1", MUST, "start() on a created exec succeeds and leaves it running (or exited, if"
            + " its workload has already ended).",
            "Starting is the one way into the running state.",
            "interface: Start",
            Formal.asserted("START-1")),
    START_2("START-2", MUST, "start() on a running exec fails with FailedPrecondition and changes"
            + " nothing.",
            "A process is started once; a second start must not start another.",
            "interface: Start",
            Formal.asserted("START-2")),
    START_3("START-3", MUST, "start() on an exited exec fails with FailedPrecondition, also when it"
            + " exited without ever starting.",
            "An exec is single-use; an exited exec cannot be revived.",
            "interface: Start; decision O8",
            Formal.asserted("START-3")),
    START_4("START-4", MUST, "A start() that cannot start the process fails and leaves the exec exited"
            + " with exit status 1, with every waiter released.",
            "A failed start must not leave clients waiting for a process that will never exist.",
            "decision O7; contract notes section 4, fault 1",
            Formal.asserted("START-4")),

    KILL_1("KILL-1", MUST, "kill(9) and kill(15) on a running exec succeed.",
            "Signals are how clients stop a running process.",
            "interface: Kill",
            Formal.asserted("KILL-1")),
    KILL_2("KILL-2", MUST, "kill() on a created exec fails with FailedPrecondition and leaves it"
            + " created.",
            "There is no process to signal yet.",
            "interface: Kill; decision O1",
            Formal.asserted("KILL-2")),
    KILL_3("KILL-3", MUST, "kill() on an exited exec fails with NotFound.",
            "The process is gone; NotFound is how clients tell 'already dead' from other errors.",
            "interface: Kill; decision O2",
            Formal.asserted("KILL-3")),
    KILL_4("KILL-4", MUST, "kill() never fails with an error kind other than FailedPrecondition or"
            + " NotFound.",
            "Clients branch on the error kind; an unexpected kind around exit breaks their logic.",
            "interface: Kill; public report R3",
            Formal.asserted("KILL-4")),
    KILL_5("KILL-5", MUST, "After kill(9) on a running exec succeeds, the exec exits.",
            "Signal 9 cannot be caught; a kill that does not end the process is a lost kill.",
            "interface: Kill; adapter protocol: signals",
            Formal.asserted("KILL-5")),
    KILL_6("KILL-6", SHOULD, "kill() with a signal that is not a valid POSIX signal (outside 1 to 64) on"
            + " a running exec fails with FailedPrecondition and leaves it running.",
            "An invalid signal is a caller error that must not be mistaken for a delivered one.",
            "decision O11",
            Formal.asserted("KILL-6")),

    RESIZE_1("RESIZE-1", MUST, "resizePty() on a running exec without a tty fails with"
            + " FailedPrecondition.",
            "There is no terminal to resize.",
            "interface: ResizePty",
            Formal.asserted("RESIZE-1")),
    RESIZE_2("RESIZE-2", MUST, "resizePty() on a tty exec that is not running succeeds and is ignored.",
            "Resize events race the process's exit; reporting them as errors breaks clients.",
            "interface: ResizePty; public report R1",
            Formal.asserted("RESIZE-2")),
    RESIZE_3("RESIZE-3", MUST, "resizePty() on a running tty exec succeeds.",
            "Resizing a live terminal is what the call is for.",
            "interface: ResizePty",
            Formal.asserted("RESIZE-3")),
    RESIZE_4("RESIZE-4", MUST, "resizePty() on an exec without a tty that is not running succeeds and is"
            + " ignored.",
            "The 'not running' rule is the more specific one: a resize outside running is dropped"
                    + " before anything else is looked at.",
            "interface: ResizePty; decision O3",
            Formal.asserted("RESIZE-4")),

    CLOSEIO_1("CLOSEIO-1", MUST, "closeIO() succeeds in every state.",
            "Clients close stdin whenever their input ends, which may be before start or after exit.",
            "interface: CloseIO; public report R6",
            Formal.asserted("CLOSEIO-1")),
    CLOSEIO_2("CLOSEIO-2", MUST, "A repeated closeIO() succeeds.",
            "Closing is idempotent: several parties may close the same stream.",
            "interface: CloseIO",
            Formal.asserted("CLOSEIO-2")),
    CLOSEIO_3("CLOSEIO-3", MUST, "After closeIO(true) on an exec with an open stdin, its workload reads"
            + " end of input (before start: as soon as it runs).",
            "Closing stdin is how a client signals the end of input; a lost close hangs the workload.",
            "interface: CloseIO; public report R6",
            Formal.asserted("CLOSEIO-3")),

    WAIT_1("WAIT-1", MUST, "awaitExit() does not return while the exec is created or running.",
            "A wait that returns early reports an exit that has not happened.",
            "interface: Wait",
            Formal.asserted("WAIT-1")),
    WAIT_2("WAIT-2", MUST, "A blocked awaitExit() returns once the exec exits, with the exit status and"
            + " exited-at that status() then reports.",
            "Waiting is how clients learn the result of the process.",
            "interface: Wait",
            Formal.asserted("WAIT-2")),
    WAIT_3("WAIT-3", MUST, "awaitExit() on an exec that has exited returns at once (within the wait"
            + " bound) with the original exit data.",
            "Late waiters must not hang; the result of a process is read long after it ended.",
            "interface: Wait; decision O9; public report R2",
            Formal.asserted("WAIT-3")),
    WAIT_4("WAIT-4", MUST, "Repeated awaitExit() calls after exit return identical exit data.",
            "Every reader of the result sees the same result.",
            "interface: Wait; public report R2",
            Formal.asserted("WAIT-4")),

    FORCE_1("FORCE-1", MUST, "forceExit(s) on a created exec leaves it exited with exit status s.",
            "Force-exit is the shim's way to clean up an exec that will never run.",
            "interface: ForceExit",
            Formal.asserted("FORCE-1")),
    FORCE_2("FORCE-2", MUST, "forceExit(s) on a running exec leaves it exited with exit status s.",
            "The caller decides the recorded result when it ends an exec by force.",
            "interface: ForceExit; decision O4",
            Formal.asserted("FORCE-2")),
    FORCE_3("FORCE-3", MUST, "forceExit() releases every waiter.",
            "Force-exit exists so that no waiter hangs on an exec the shim gives up on.",
            "interface: ForceExit; public report R9",
            Formal.asserted("FORCE-3")),
    FORCE_4("FORCE-4", MUST, "forceExit() on an exited exec changes nothing.",
            "The first exit is the real one; a later force must not rewrite history.",
            "interface: ForceExit; decision O12; public report R10",
            Formal.asserted("FORCE-4")),
    FORCE_5("FORCE-5", MUST, "forceExit() never fails and returns promptly in every state, however often"
            + " it is called.",
            "It is called on clean-up paths that cannot handle errors.",
            "interface: ForceExit",
            Formal.asserted("FORCE-5")),
    FORCE_6("FORCE-6", MUST, "forceExit(s) with a negative s records s as an unsigned 32-bit value"
            + " (-1 becomes 4294967295).",
            "The wire carries an unsigned exit status; the conversion must be the same everywhere.",
            "decision O10",
            Formal.notModelled("The model's exit statuses are a small set of symbols; 32-bit"
                    + " arithmetic is checked on the implementation.")),

    ERR_1("ERR-1", SHOULD, "A FailedPrecondition for a call in the wrong state names the exec id, the"
            + " task id, the state and the operation in its message.",
            "Operators read these messages in logs; without the ids they cannot tell which exec failed.",
            "interface: newExecInvalidStateError",
            Formal.notModelled("Message text is not part of the state machine.")),

    CONC_1("CONC-1", MUST, "Every waiter, however many and whenever it began to wait, is released once"
            + " the exec exits or is force-exited.",
            "A waiter that is never released hangs a client forever.",
            "interface: Wait, ForceExit; public reports R2, R8, R9",
            Formal.asserted("CONC-1")),
    CONC_2("CONC-2", MUST, "All waiters released by one exit see identical exit data.",
            "Concurrent readers of one result must agree on it.",
            "interface: Wait; public report R2",
            Formal.asserted("CONC-2")),
    CONC_3("CONC-3", MUST, "Exit data never changes once the exec has exited, under concurrent forceExit,"
            + " kill, closeIO, resizePty and the workload's own exit.",
            "Exit data recorded twice, or in two steps, shows different results to different readers.",
            "decision O12; public report R10",
            Formal.asserted("CONC-3")),
    CONC_4("CONC-4", MUST, "Of concurrent forceExit calls with different statuses exactly one wins, and"
            + " every observer (status, awaitExit, later calls) sees that one.",
            "Two winners mean two truths about one exit.",
            "interface: ForceExit",
            Formal.asserted("CONC-4")),
    CONC_5("CONC-5", MUST, "Once state() has reported exited, awaitExit() returns within the wait bound.",
            "State and wait must not disagree for longer than a client's patience.",
            "interface: Wait; decision O9",
            Formal.notModelled("A real-time bound; the model has steps, not durations.")),
    CONC_6("CONC-6", MUST, "No combination of concurrent calls deadlocks: every call other than a wait on"
            + " a live exec returns within the call timeout.",
            "A shim that deadlocks takes every container of its task with it.",
            "contract notes section 4, faults 1 and 2",
            Formal.notModelled("Deadlock is a property of the implementation's locking, not of the"
                    + " contract's state machine.")),
    CONC_7("CONC-7", MUST, "Every history of concurrent calls is linearizable with respect to the"
            + " reference model.",
            "Each call must appear to take effect at one instant between its invocation and response.",
            "contract notes section 4, fault 6",
            Formal.notModelled("Linearizability relates histories to the model; the model itself is the"
                    + " sequential specification."));

    private final String id;
    private final Level level;
    private final String sentence;
    private final String intent;
    private final String source;
    private final Formal formal;

    Clause(String id, Level level, String sentence, String intent, String source, Formal formal) {
        this.id = id;
        this.level = level;
        this.sentence = sentence;
        this.intent = intent;
        this.source = source;
        this.formal = formal;
    }

    /** The stable id, such as {@code KILL-3}. */
    public String id() {
        return id;
    }

    /** The requirement level. */
    public Level level() {
        return level;
    }

    /** The rule, in one sentence, as the strict profile states it. */
    public String sentence() {
        return sentence;
    }

    /** Why the rule exists. */
    public String intent() {
        return intent;
    }

    /** Where the rule comes from: the interface, a decision, a public report. */
    public String source() {
        return source;
    }

    /** How the formal model covers this clause. */
    public Formal formal() {
        return formal;
    }

    /** The anchor of this clause in {@code spec/SPEC.md}, such as {@code kill-3}. */
    public String anchor() {
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The clause with the given id.
     *
     * @throws IllegalArgumentException if no clause has that id
     */
    public static Clause byId(String id) {
        Objects.requireNonNull(id, "id must not be null");
        for (Clause clause : values()) {
            if (clause.id.equals(id)) {
                return clause;
            }
        }
        throw new IllegalArgumentException("unknown clause id: '" + id + "'");
    }

    @Override
    public String toString() {
        return id + " [" + level + "]";
    }
}
