package dev.shimexec.spec;

import java.util.List;

/**
 * The open points of the upstream interface (O1 to O12 of the contract notes), each decided for the
 * strict profile, with the reason and the clauses that carry the decision.
 */
public enum Decision {

    O1("Kill on a created exec.",
            "FailedPrecondition; the exec stays created. hcsshim profile: the exec exits with status 1"
                    + " and the kill succeeds.",
            "The interface says FailedPrecondition in so many words; both Windows execs do otherwise, which"
                    + " is what the hcsshim profile is for.",
            List.of(Clause.KILL_2)),
    O2("Kill on an exited exec.",
            "NotFound, in both profiles.",
            "The interface's two sentences overlap on exited; every implementation lets NotFound win, and a"
                    + " proposal to return success was rejected upstream.",
            List.of(Clause.KILL_3)),
    O3("ResizePty on an exec without a tty that is not running.",
            "Success, ignored. hcsshim profile: FailedPrecondition, the tty check first.",
            "The 'not running' sentence is the more specific one and matches how resize events race an exit"
                    + " (public report R1); the Windows execs check the tty first, hence the profile.",
            List.of(Clause.RESIZE_4)),
    O4("ForceExit on a running exec: whose exit status is recorded.",
            "The given one. hcsshim profile: the process's own, recorded when it has ended.",
            "The interface says the exit status is set to the given value.",
            List.of(Clause.FORCE_2)),
    O5("Exit status and exited-at while created.",
            "255 and the zero time, as while running.",
            "The Windows execs do so; 0 (runc, test fakes) cannot be told apart from a real exit with 0.",
            List.of(Clause.STATUS_4, Clause.STATUS_5)),
    O6("Pid before start and after exit.",
            "0 before start; after exit the pid the process had.",
            "Resetting the pid to 0 after exit broke a client (public report R4).",
            List.of(Clause.PID_1, Clause.PID_2, Clause.PID_3)),
    O7("State after a failed start.",
            "Exited with status 1, every waiter released; start returns the error.",
            "Otherwise waiters on an exec that will never run hang (contract notes, fault 1).",
            List.of(Clause.START_4)),
    O8("Start on an exec that exited without ever starting.",
            "FailedPrecondition.",
            "An exited exec is final, however it got there.",
            List.of(Clause.START_3)),
    O9("How soon 'immediately' is for a wait on an exited exec.",
            "Within the profile's wait bound: 250 ms under strict, 1.5 s under hcsshim; both configurable.",
            "250 ms leaves room for scheduling on a loaded machine and is still far below a client's"
                    + " patience; hcsshim drains output for about a second before it releases waiters.",
            List.of(Clause.WAIT_3, Clause.CONC_5)),
    O10("What forceExit(-1) records.",
            "The unsigned 32-bit reading: 4294967295.",
            "The wire's exit status is unsigned 32 bits; every implementation converts the same way.",
            List.of(Clause.FORCE_6)),
    O11("Kill with an invalid or unsupported signal while running.",
            "FailedPrecondition, the exec stays running; a SHOULD, since the interface is silent.",
            "That is what the Windows execs do; the kit checks it with a signal outside 1 to 64.",
            List.of(Clause.KILL_6)),
    O12("Whether exit data may change after exit.",
            "Never.",
            "No implementation changes it, and readers at different times must agree.",
            List.of(Clause.EXIT_3, Clause.FORCE_4, Clause.CONC_3));

    private final String question;
    private final String answer;
    private final String reason;
    private final List<Clause> clauses;

    Decision(String question, String answer, String reason, List<Clause> clauses) {
        this.question = question;
        this.answer = answer;
        this.reason = reason;
        this.clauses = clauses;
    }

    /** The open point, as a question. */
    public String question() {
        return question;
    }

    /** What the specification decides. */
    public String answer() {
        return answer;
    }

    /** Why. */
    public String reason() {
        return reason;
    }

    /** The clauses that carry the decision. */
    public List<Clause> clauses() {
        return clauses;
    }
}
