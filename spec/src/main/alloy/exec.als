module exec

/*
 * The exec contract of a containerd shim, as a state machine of one exec over time.
 *
 * Each call of the contract and each event of the exec's environment is a predicate over the state
 * now and the state after it (primed). A trace starts in a created exec and takes one event or a
 * stutter per step. The two profiles, strict and hcsshim, differ in a few events; every clause of the
 * catalogue (dev.shimexec.spec.Clause) that the model states is an assertion named after the clause,
 * with one check per profile: KILL_3_strict and KILL_3_hcsshim state KILL-3.
 *
 * Abstractions: a pid is zero or positive, an exit time is zero or set, and exit statuses are a few
 * symbolic codes. CodeAny is an exit status the contract leaves open, such as that of a process
 * ended by a signal. The asynchronous end of a process is an exit on its way ("pending"), which the
 * environment records at a later step of its choosing (exitRecorded).
 */

open util/boolean

-- Profiles ------------------------------------------------------------------------------------------

abstract sig Profile {}

/** strict follows the interface text; hcsshim follows what the Windows shim's exec does. */
one sig Strict, Hcsshim extends Profile {}

/** The profile a trace follows; fixed for the whole trace. */
one sig Config {
    profile: one Profile
}

pred strict { Config.profile = Strict }

pred hcsshim { Config.profile = Hcsshim }

-- Values --------------------------------------------------------------------------------------------

abstract sig State {}
one sig Created, Running, Exited extends State {}

/** containerd's status values, as status() reports them. */
abstract sig TaskStatus {}
one sig StatusCreated, StatusRunning, StatusStopped extends TaskStatus {}

/** Exit statuses. Code255 is also what status() reports before the exec has exited. */
abstract sig Code {}
abstract sig Known extends Code {}
one sig Code0, Code1, Code7, Code123, Code255 extends Known {}
/** 4294967295: what forceExit(-1) records. */
one sig CodeMax extends Known {}
/** Some exit status the contract does not fix. */
one sig CodeAny extends Code {}

/** Exited-at: Go's zero time, or a real time. */
abstract sig Time {}
one sig ZeroTime, SetTime extends Time {}

abstract sig Pid {}
one sig PidZero, PidPositive extends Pid {}

abstract sig Signal {}
/** SIGKILL and SIGTERM, valid signals. */
one sig Sig9, Sig15 extends Signal {}
/** A number outside 1 to 64. */
one sig SigInvalid extends Signal {}

/** What a call returns. */
abstract sig Reply {}
one sig Ok, Blocked, Returned extends Reply {}
abstract sig Failure extends Reply {}
/** OtherFailure stands for every error kind but FailedPrecondition and NotFound. */
one sig FailedPrecondition, NotFound, OtherFailure extends Failure {}

/** A client blocked in awaitExit(). */
sig Waiter {}

abstract sig Flag {}
/** Tty and Stdin are fixed at creation; the others change over the exec's life. */
one sig Tty, Stdin, StdinClosed, Started, StartFails extends Flag {}

-- The exec ------------------------------------------------------------------------------------------

one sig Exec {
    var state: one State,
    /** Tty, Stdin; StdinClosed once closeIO(true) closed it; Started once a process ran. */
    var flags: set Flag,
    /** While running: the exit the process is bound to make, not recorded yet. */
    var pending: lone Code,
    /** Code255 until the exec exits; the exit status from then on. */
    var exit: one Code,
    var exitedAt: one Time,
    var waiters: set Waiter
}

pred created { Exec.state = Created }

pred running { Exec.state = Running }

pred exited { Exec.state = Exited }

pred has[f: Flag] { f in Exec.flags }

fun reported: State -> TaskStatus {
    Created -> StatusCreated + Running -> StatusRunning + Exited -> StatusStopped
}

-- Frame conditions ----------------------------------------------------------------------------------

pred keepState { Exec.state' = Exec.state }

pred keepFlags { Exec.flags' = Exec.flags }

pred keepPending { Exec.pending' = Exec.pending }

pred keepExit { Exec.exit' = Exec.exit and Exec.exitedAt' = Exec.exitedAt }

pred keepWaiters { Exec.waiters' = Exec.waiters }

pred unchanged { keepState and keepFlags and keepPending and keepExit and keepWaiters }

/** The exec ends with exit status c: exit data recorded, every waiter released. */
pred becomeExited[c: Code] {
    Exec.state' = Exited
    Exec.flags' = Exec.flags - StartFails
    no Exec.pending'
    Exec.exit' = c
    Exec.exitedAt' = SetTime
    no Exec.waiters'
}

-- Calls of the contract -----------------------------------------------------------------------------

/** id(): the id is not modelled; the call changes nothing. */
pred callId { unchanged }

pred callPid[p: Pid] {
    p = (has[Started] => PidPositive else PidZero)
    unchanged
}

pred callState[s: State] {
    s = Exec.state
    unchanged
}

pred callStatus[st: TaskStatus, c: Code, t: Time] {
    st = Exec.state.reported
    c = Exec.exit
    t = Exec.exitedAt
    unchanged
}

pred callStart[r: Reply] {
    created and has[StartFails] implies {
        r in Failure
        becomeExited[Code1]
    }
    created and not has[StartFails] implies {
        r = Ok
        Exec.state' = Running
        Exec.flags' = Exec.flags + Started
        -- A workload whose stdin was closed before start reads end of input and ends.
        has[Stdin] and has[StdinClosed] implies Exec.pending' = Code0 else keepPending
        keepExit
        keepWaiters
    }
    not created implies {
        r = FailedPrecondition
        unchanged
    }
}

pred callKill[s: Signal, r: Reply] {
    created and strict implies {
        r = FailedPrecondition
        unchanged
    }
    created and hcsshim implies {
        r = Ok
        becomeExited[Code1]
    }
    running and s = SigInvalid implies {
        r = FailedPrecondition
        unchanged
    }
    -- A valid signal ends the process with a status of the platform's choosing. It races an exit
    -- already on its way and may win: the exit on its way becomes CodeAny.
    running and s != SigInvalid implies {
        r = Ok
        Exec.pending' = CodeAny
        keepState
        keepFlags
        keepExit
        keepWaiters
    }
    exited implies {
        r = NotFound
        unchanged
    }
}

pred callResizePty[r: Reply] {
    running implies r = (has[Tty] => Ok else FailedPrecondition)
    not running and has[Tty] implies r = Ok
    not running and not has[Tty] implies r = (strict => Ok else FailedPrecondition)
    unchanged
}

pred callCloseIO[stdin: Bool, r: Reply] {
    r = Ok
    stdin = True and has[Stdin] and not has[StdinClosed] implies {
        Exec.flags' = Exec.flags + StdinClosed
        -- The running workload reads end of input and ends, unless an exit is already on its way.
        running and no Exec.pending implies Exec.pending' = Code0 else keepPending
    } else {
        keepFlags
        keepPending
    }
    keepState
    keepExit
    keepWaiters
}

/**
 * awaitExit() by waiter w: once exited it returns at once, with the exit data of the state it returns
 * in; before, w blocks until an exit releases it.
 */
pred callWait[w: Waiter, r: Reply] {
    exited implies {
        r = Returned
        unchanged
    }
    not exited implies {
        r = Blocked
        Exec.waiters' = Exec.waiters + w
        keepState
        keepFlags
        keepPending
        keepExit
    }
}

/** forceExit(c), where c is the status given, read as unsigned 32 bits. */
pred callForceExit[c: Known, r: Reply] {
    r = Ok
    created implies becomeExited[c]
    running and strict implies becomeExited[c]
    -- hcsshim only asks the process to end; its own exit status is recorded when it has ended.
    running and hcsshim implies {
        Exec.pending' = CodeAny
        keepState
        keepFlags
        keepExit
        keepWaiters
    }
    exited implies unchanged
}

-- Events of the environment -------------------------------------------------------------------------

/** The running workload ends by itself with code c; nothing happens unless it runs with no exit due. */
pred workloadExits[c: Known] {
    running and no Exec.pending implies {
        Exec.pending' = c -- removable: AlloyModelTests deletes this line and expects EXIT_1 alone to fail
        keepState
        keepFlags
        keepExit
        keepWaiters
    } else {
        unchanged
    }
}

/** The next start of this exec will not be able to start its process. */
pred startWillFail {
    created implies Exec.flags' = Exec.flags + StartFails else keepFlags
    keepState
    keepPending
    keepExit
    keepWaiters
}

/** The exit on its way is recorded: the exec is exited from now on. */
pred exitRecorded {
    some Exec.pending
    becomeExited[Exec.pending]
}

pred stutter { unchanged }

-- Traces --------------------------------------------------------------------------------------------

pred init {
    created
    Exec.flags in Tty + Stdin
    no Exec.pending
    Exec.exit = Code255
    Exec.exitedAt = ZeroTime
    no Exec.waiters
}

pred step {
    stutter
    or callId
    or (some p: Pid | callPid[p])
    or (some s: State | callState[s])
    or (some st: TaskStatus, c: Code, t: Time | callStatus[st, c, t])
    or (some r: Reply | callStart[r])
    or (some s: Signal, r: Reply | callKill[s, r])
    or (some r: Reply | callResizePty[r])
    or (some b: Bool, r: Reply | callCloseIO[b, r])
    or (some w: Waiter, r: Reply | callWait[w, r])
    or (some c: Known, r: Reply | callForceExit[c, r])
    or (some c: Known | workloadExits[c])
    or startWillFail
    or exitRecorded
}

pred trace { init and always step }

/** Weak fairness of the environment: an exit that stays on its way is recorded at last. */
pred fair { (eventually always some Exec.pending) implies (always eventually exitRecorded) }

pred strictTrace { strict and trace }

pred hcsshimTrace { hcsshim and trace }

-- Clauses -------------------------------------------------------------------------------------------
-- Each predicate below states one clause; the assertions that follow check it under each profile.

/** In state s, pid() reports p. */
pred pidWhile[s: State, p: Pid] {
    always (Exec.state = s implies all q: Pid | callPid[q] implies q = p)
}

/** An exec that exits from running keeps reporting a positive pid. */
pred pidIsKeptAfterExit {
    always (running and after exited implies after always all q: Pid | callPid[q] implies q = PidPositive)
}

fun successors: State -> State {
    Created -> (Created + Running + Exited) + Running -> (Running + Exited) + Exited -> Exited
}

/** No step takes the state back: created, then running, then exited, or created straight to exited. */
pred stateOnlyMovesForward {
    always Exec.state' in Exec.state.successors
}

/** status() and state() read in the same state tell the same state. */
pred statusMatchesState {
    always all st: TaskStatus, c: Code, t: Time, s: State |
        (callStatus[st, c, t] and callState[s]) implies st = s.reported
}

/** In state s, status() reports exit status c. */
pred statusCodeWhile[s: State, c: Code] {
    always (Exec.state = s implies all st: TaskStatus, x: Code, t: Time | callStatus[st, x, t] implies x = c)
}

/** In state s, status() reports exited-at t. */
pred statusTimeWhile[s: State, t: Time] {
    always (Exec.state = s implies all st: TaskStatus, c: Code, x: Time | callStatus[st, c, x] implies x = t)
}

/** A kill or a forced exit: the calls that may end a running process otherwise than by itself. */
pred interfered {
    (some s: Sig9 + Sig15 | callKill[s, Ok]) or (some c: Known | callForceExit[c, Ok])
}

pred workloadEnds[c: Known] { running and no Exec.pending and workloadExits[c] }

/** After the workload ends with c, no exit but with c is recorded unless a kill or a forced exit comes first. */
pred workloadCodeIsRecorded {
    always all c: Known | workloadEnds[c] implies
        after (interfered releases (interfered or not (not exited and after exited and Exec.exit' != c)))
}

/** No step after the exit changes the exit status or exited-at. */
pred exitDataNeverChange {
    always (exited implies keepExit)
}

/** start() on a created exec whose start will not fail succeeds and leaves it running. */
pred startRunsCreated {
    always all r: Reply | (created and not has[StartFails] and callStart[r]) implies (r = Ok and after running)
}

/** In state s, start() fails with FailedPrecondition and changes nothing. */
pred startIsRefusedWhile[s: State] {
    always all r: Reply | (Exec.state = s and callStart[r]) implies (r = FailedPrecondition and unchanged)
}

/** A start that cannot start the process fails, with the exec exited with 1 and no waiter left. */
pred failedStartExitsWithOne {
    always all r: Reply | (created and has[StartFails] and callStart[r]) implies
        (r in Failure and after (exited and Exec.exit = Code1 and no Exec.waiters))
}

pred killSucceedsWhileRunning {
    always all s: Sig9 + Sig15, r: Reply | (running and callKill[s, r]) implies r = Ok
}

pred killIsRefusedWhileCreated {
    always all s: Signal, r: Reply | (created and callKill[s, r]) implies (r = FailedPrecondition and after created)
}

pred killExitsCreatedWithOne {
    always all s: Signal, r: Reply | (created and callKill[s, r]) implies
        (r = Ok and after (exited and Exec.exit = Code1 and no Exec.waiters))
}

pred killIsNotFoundOnceExited {
    always all s: Signal, r: Reply | (exited and callKill[s, r]) implies r = NotFound
}

pred killFailsOnlyAsAllowed {
    always all s: Signal, r: Reply | callKill[s, r] implies r in Ok + FailedPrecondition + NotFound
}

/** Under fairness, an exec that kill(9) reached while running exits at last. */
pred killNineEndsTheExec {
    fair implies always (running and callKill[Sig9, Ok] implies eventually exited)
}

pred invalidSignalIsRefused {
    always all r: Reply | (running and callKill[SigInvalid, r]) implies (r = FailedPrecondition and after running)
}

/** resizePty() in the states s, on an exec with a tty or without (tty), replies r and changes nothing. */
pred resizeReplies[s: set State, tty: Bool, r: Reply] {
    always all x: Reply | (Exec.state in s and (has[Tty] <=> tty = True) and callResizePty[x]) implies
        (x = r and unchanged)
}

pred closeIOSucceeds {
    always all b: Bool, r: Reply | callCloseIO[b, r] implies r = Ok
}

/** The same closeIO() right after another succeeds and changes nothing. */
pred closeIOIsIdempotent {
    always all b: Bool, r: Reply | callCloseIO[b, r] implies
        after all x: Reply | callCloseIO[b, x] implies (x = Ok and unchanged)
}

/**
 * closeIO(true) closes stdin for good, and a running workload whose stdin is closed has read end of
 * input and is bound to end.
 */
pred closedStdinEndsTheWorkload {
    always (has[Stdin] and callCloseIO[True, Ok] implies after has[StdinClosed])
    always (has[StdinClosed] implies after has[StdinClosed])
    -- Having read end of input, a running workload is bound to end.
    always (running and has[StdinClosed] implies some Exec.pending)
}

/** Before the exit, a wait blocks, and no blocked waiter is let go. */
pred waitBlocksUntilExit {
    always (not exited implies all w: Waiter, r: Reply | callWait[w, r] implies r = Blocked)
    always (not exited and after not exited implies Exec.waiters in Exec.waiters')
}

/** A waiter is let go only by a step into exited, whose exit data status() then reports. */
pred waitReturnsAtExit {
    always all w: Exec.waiters | w not in Exec.waiters' implies
        after (exited and Exec.exitedAt = SetTime and
            all st: TaskStatus, c: Code, t: Time | callStatus[st, c, t] implies (c = Exec.exit and t = SetTime))
}

/** Every wait after the exit returns at once, with the exit data recorded at the exit. */
pred waitAfterExitReturnsOriginal {
    always all c: Code, t: Time | (not exited and after (exited and Exec.exit = c and Exec.exitedAt = t)) implies
        after always all w: Waiter, r: Reply | callWait[w, r] implies
            (r = Returned and Exec.exit = c and Exec.exitedAt = t)
}

/** Every wait after a returned one returns the same exit data. */
pred repeatedWaitsAgree {
    always all w: Waiter, r: Reply, c: Code, t: Time |
        (exited and callWait[w, r] and Exec.exit = c and Exec.exitedAt = t) implies
            after always all v: Waiter, q: Reply | callWait[v, q] implies (Exec.exit = c and Exec.exitedAt = t)
}

/** forceExit(c) in state s leaves the exec exited with exit status c. */
pred forceExitRecordsGivenStatusWhile[s: State] {
    always all c: Known, r: Reply | (Exec.state = s and callForceExit[c, r]) implies after (exited and Exec.exit = c)
}

/** hcsshim: forceExit() on a running exec succeeds, and under fairness the process ends. */
pred forceExitEndsTheProcess {
    always all c: Known, r: Reply | (running and callForceExit[c, r]) implies (r = Ok and after some Exec.pending)
    fair implies always all c: Known, r: Reply | (running and callForceExit[c, r]) implies eventually exited
}

/** No waiter is left blocked after forceExit(). */
pred forceExitReleasesAtOnce {
    always all c: Known, r: Reply | callForceExit[c, r] implies after no Exec.waiters
}

/** Under fairness, every waiter blocked when forceExit() is called is released at last. */
pred forceExitReleasesEventually {
    fair implies always all c: Known, r: Reply, w: Exec.waiters | callForceExit[c, r] implies
        eventually w not in Exec.waiters
}

pred forceExitOnExitedChangesNothing {
    always all c: Known, r: Reply | (exited and callForceExit[c, r]) implies unchanged
}

pred forceExitAlwaysSucceeds {
    always all c: Known, r: Reply | callForceExit[c, r] implies r = Ok
}

/**
 * No waiter is blocked on an exited exec; a waiter of an exec that will exit is released; under
 * fairness, so is every waiter of an exec whose exit is pending.
 */
pred everyWaiterIsReleased {
    always (exited implies no Exec.waiters)
    always all w: Waiter | (w in Exec.waiters and eventually exited) implies eventually w not in Exec.waiters
    fair implies always all w: Waiter | (w in Exec.waiters and some Exec.pending) implies
        eventually w not in Exec.waiters
}

/** Waiters are released only all at once, by the step that records the exit. */
pred waitersAreReleasedTogether {
    always (some Exec.waiters - Exec.waiters' implies (not exited and after (exited and no Exec.waiters)))
}

/** Once exited, none of forceExit, kill, closeIO, resizePty or a workload exit changes the exit data. */
pred exitDataSurviveEveryCall {
    always (exited implies {
        all c: Known, r: Reply | callForceExit[c, r] implies keepExit
        all s: Signal, r: Reply | callKill[s, r] implies keepExit
        all b: Bool, r: Reply | callCloseIO[b, r] implies keepExit
        all r: Reply | callResizePty[r] implies keepExit
        all c: Known | workloadExits[c] implies keepExit
        exitRecorded implies keepExit
    })
}

/** The forceExit() that ends the exec fixes the exit status that every later status() and wait sees. */
pred firstForcedExitWins {
    always all c: Known, r: Reply | (not exited and callForceExit[c, r] and after exited) implies after always {
        Exec.exit = c
        all st: TaskStatus, x: Code, t: Time | callStatus[st, x, t] implies x = c
        all w: Waiter, q: Reply | callWait[w, q] implies Exec.exit = c
    }
}

-- Assertions and checks -----------------------------------------------------------------------------
-- Scope: up to 3 waiters (every other signature is a set of named atoms). Traces are lassos of exactly
-- 8 states; a lasso of 8 states also stands for every shorter trace, its loop unrolled.

assert PID_1_strict { strictTrace implies pidWhile[Created, PidZero] }
assert PID_1_hcsshim { hcsshimTrace implies pidWhile[Created, PidZero] }
assert PID_2_strict { strictTrace implies pidWhile[Running, PidPositive] }
assert PID_2_hcsshim { hcsshimTrace implies pidWhile[Running, PidPositive] }
assert PID_3_strict { strictTrace implies pidIsKeptAfterExit }
assert PID_3_hcsshim { hcsshimTrace implies pidIsKeptAfterExit }
check PID_1_strict for 3 but 8..8 steps expect 0
check PID_1_hcsshim for 3 but 8..8 steps expect 0
check PID_2_strict for 3 but 8..8 steps expect 0
check PID_2_hcsshim for 3 but 8..8 steps expect 0
check PID_3_strict for 3 but 8..8 steps expect 0
check PID_3_hcsshim for 3 but 8..8 steps expect 0

assert STATE_2_strict { strictTrace implies stateOnlyMovesForward }
assert STATE_2_hcsshim { hcsshimTrace implies stateOnlyMovesForward }
assert STATE_3_strict { strictTrace implies statusMatchesState }
assert STATE_3_hcsshim { hcsshimTrace implies statusMatchesState }
check STATE_2_strict for 3 but 8..8 steps expect 0
check STATE_2_hcsshim for 3 but 8..8 steps expect 0
check STATE_3_strict for 3 but 8..8 steps expect 0
check STATE_3_hcsshim for 3 but 8..8 steps expect 0

assert STATUS_2_strict { strictTrace implies statusCodeWhile[Running, Code255] }
assert STATUS_2_hcsshim { hcsshimTrace implies statusCodeWhile[Running, Code255] }
assert STATUS_3_strict { strictTrace implies statusTimeWhile[Running, ZeroTime] }
assert STATUS_3_hcsshim { hcsshimTrace implies statusTimeWhile[Running, ZeroTime] }
assert STATUS_4_strict { strictTrace implies statusCodeWhile[Created, Code255] }
assert STATUS_4_hcsshim { hcsshimTrace implies statusCodeWhile[Created, Code255] }
assert STATUS_5_strict { strictTrace implies statusTimeWhile[Created, ZeroTime] }
assert STATUS_5_hcsshim { hcsshimTrace implies statusTimeWhile[Created, ZeroTime] }
check STATUS_2_strict for 3 but 8..8 steps expect 0
check STATUS_2_hcsshim for 3 but 8..8 steps expect 0
check STATUS_3_strict for 3 but 8..8 steps expect 0
check STATUS_3_hcsshim for 3 but 8..8 steps expect 0
check STATUS_4_strict for 3 but 8..8 steps expect 0
check STATUS_4_hcsshim for 3 but 8..8 steps expect 0
check STATUS_5_strict for 3 but 8..8 steps expect 0
check STATUS_5_hcsshim for 3 but 8..8 steps expect 0

assert EXIT_1_strict { strictTrace implies workloadCodeIsRecorded }
assert EXIT_1_hcsshim { hcsshimTrace implies workloadCodeIsRecorded }
assert EXIT_3_strict { strictTrace implies exitDataNeverChange }
assert EXIT_3_hcsshim { hcsshimTrace implies exitDataNeverChange }
check EXIT_1_strict for 3 but 8..8 steps expect 0
check EXIT_1_hcsshim for 3 but 8..8 steps expect 0
check EXIT_3_strict for 3 but 8..8 steps expect 0
check EXIT_3_hcsshim for 3 but 8..8 steps expect 0

assert START_1_strict { strictTrace implies startRunsCreated }
assert START_1_hcsshim { hcsshimTrace implies startRunsCreated }
assert START_2_strict { strictTrace implies startIsRefusedWhile[Running] }
assert START_2_hcsshim { hcsshimTrace implies startIsRefusedWhile[Running] }
assert START_3_strict { strictTrace implies startIsRefusedWhile[Exited] }
assert START_3_hcsshim { hcsshimTrace implies startIsRefusedWhile[Exited] }
assert START_4_strict { strictTrace implies failedStartExitsWithOne }
assert START_4_hcsshim { hcsshimTrace implies failedStartExitsWithOne }
check START_1_strict for 3 but 8..8 steps expect 0
check START_1_hcsshim for 3 but 8..8 steps expect 0
check START_2_strict for 3 but 8..8 steps expect 0
check START_2_hcsshim for 3 but 8..8 steps expect 0
check START_3_strict for 3 but 8..8 steps expect 0
check START_3_hcsshim for 3 but 8..8 steps expect 0
check START_4_strict for 3 but 8..8 steps expect 0
check START_4_hcsshim for 3 but 8..8 steps expect 0

assert KILL_1_strict { strictTrace implies killSucceedsWhileRunning }
assert KILL_1_hcsshim { hcsshimTrace implies killSucceedsWhileRunning }
assert KILL_2_strict { strictTrace implies killIsRefusedWhileCreated }
assert KILL_2_hcsshim { hcsshimTrace implies killExitsCreatedWithOne }
assert KILL_3_strict { strictTrace implies killIsNotFoundOnceExited }
assert KILL_3_hcsshim { hcsshimTrace implies killIsNotFoundOnceExited }
assert KILL_4_strict { strictTrace implies killFailsOnlyAsAllowed }
assert KILL_4_hcsshim { hcsshimTrace implies killFailsOnlyAsAllowed }
assert KILL_5_strict { strictTrace implies killNineEndsTheExec }
assert KILL_5_hcsshim { hcsshimTrace implies killNineEndsTheExec }
assert KILL_6_strict { strictTrace implies invalidSignalIsRefused }
assert KILL_6_hcsshim { hcsshimTrace implies invalidSignalIsRefused }
check KILL_1_strict for 3 but 8..8 steps expect 0
check KILL_1_hcsshim for 3 but 8..8 steps expect 0
check KILL_2_strict for 3 but 8..8 steps expect 0
check KILL_2_hcsshim for 3 but 8..8 steps expect 0
check KILL_3_strict for 3 but 8..8 steps expect 0
check KILL_3_hcsshim for 3 but 8..8 steps expect 0
check KILL_4_strict for 3 but 8..8 steps expect 0
check KILL_4_hcsshim for 3 but 8..8 steps expect 0
check KILL_5_strict for 3 but 8..8 steps expect 0
check KILL_5_hcsshim for 3 but 8..8 steps expect 0
check KILL_6_strict for 3 but 8..8 steps expect 0
check KILL_6_hcsshim for 3 but 8..8 steps expect 0

assert RESIZE_1_strict { strictTrace implies resizeReplies[Running, False, FailedPrecondition] }
assert RESIZE_1_hcsshim { hcsshimTrace implies resizeReplies[Running, False, FailedPrecondition] }
assert RESIZE_2_strict { strictTrace implies resizeReplies[Created + Exited, True, Ok] }
assert RESIZE_2_hcsshim { hcsshimTrace implies resizeReplies[Created + Exited, True, Ok] }
assert RESIZE_3_strict { strictTrace implies resizeReplies[Running, True, Ok] }
assert RESIZE_3_hcsshim { hcsshimTrace implies resizeReplies[Running, True, Ok] }
assert RESIZE_4_strict { strictTrace implies resizeReplies[Created + Exited, False, Ok] }
assert RESIZE_4_hcsshim { hcsshimTrace implies resizeReplies[State, False, FailedPrecondition] }
check RESIZE_1_strict for 3 but 8..8 steps expect 0
check RESIZE_1_hcsshim for 3 but 8..8 steps expect 0
check RESIZE_2_strict for 3 but 8..8 steps expect 0
check RESIZE_2_hcsshim for 3 but 8..8 steps expect 0
check RESIZE_3_strict for 3 but 8..8 steps expect 0
check RESIZE_3_hcsshim for 3 but 8..8 steps expect 0
check RESIZE_4_strict for 3 but 8..8 steps expect 0
check RESIZE_4_hcsshim for 3 but 8..8 steps expect 0

assert CLOSEIO_1_strict { strictTrace implies closeIOSucceeds }
assert CLOSEIO_1_hcsshim { hcsshimTrace implies closeIOSucceeds }
assert CLOSEIO_2_strict { strictTrace implies closeIOIsIdempotent }
assert CLOSEIO_2_hcsshim { hcsshimTrace implies closeIOIsIdempotent }
assert CLOSEIO_3_strict { strictTrace implies closedStdinEndsTheWorkload }
assert CLOSEIO_3_hcsshim { hcsshimTrace implies closedStdinEndsTheWorkload }
check CLOSEIO_1_strict for 3 but 8..8 steps expect 0
check CLOSEIO_1_hcsshim for 3 but 8..8 steps expect 0
check CLOSEIO_2_strict for 3 but 8..8 steps expect 0
check CLOSEIO_2_hcsshim for 3 but 8..8 steps expect 0
check CLOSEIO_3_strict for 3 but 8..8 steps expect 0
check CLOSEIO_3_hcsshim for 3 but 8..8 steps expect 0

assert WAIT_1_strict { strictTrace implies waitBlocksUntilExit }
assert WAIT_1_hcsshim { hcsshimTrace implies waitBlocksUntilExit }
assert WAIT_2_strict { strictTrace implies waitReturnsAtExit }
assert WAIT_2_hcsshim { hcsshimTrace implies waitReturnsAtExit }
assert WAIT_3_strict { strictTrace implies waitAfterExitReturnsOriginal }
assert WAIT_3_hcsshim { hcsshimTrace implies waitAfterExitReturnsOriginal }
assert WAIT_4_strict { strictTrace implies repeatedWaitsAgree }
assert WAIT_4_hcsshim { hcsshimTrace implies repeatedWaitsAgree }
check WAIT_1_strict for 3 but 8..8 steps expect 0
check WAIT_1_hcsshim for 3 but 8..8 steps expect 0
check WAIT_2_strict for 3 but 8..8 steps expect 0
check WAIT_2_hcsshim for 3 but 8..8 steps expect 0
check WAIT_3_strict for 3 but 8..8 steps expect 0
check WAIT_3_hcsshim for 3 but 8..8 steps expect 0
check WAIT_4_strict for 3 but 8..8 steps expect 0
check WAIT_4_hcsshim for 3 but 8..8 steps expect 0

assert FORCE_1_strict { strictTrace implies forceExitRecordsGivenStatusWhile[Created] }
assert FORCE_1_hcsshim { hcsshimTrace implies forceExitRecordsGivenStatusWhile[Created] }
assert FORCE_2_strict { strictTrace implies forceExitRecordsGivenStatusWhile[Running] }
assert FORCE_2_hcsshim { hcsshimTrace implies forceExitEndsTheProcess }
assert FORCE_3_strict { strictTrace implies forceExitReleasesAtOnce }
assert FORCE_3_hcsshim { hcsshimTrace implies forceExitReleasesEventually }
assert FORCE_4_strict { strictTrace implies forceExitOnExitedChangesNothing }
assert FORCE_4_hcsshim { hcsshimTrace implies forceExitOnExitedChangesNothing }
assert FORCE_5_strict { strictTrace implies forceExitAlwaysSucceeds }
assert FORCE_5_hcsshim { hcsshimTrace implies forceExitAlwaysSucceeds }
check FORCE_1_strict for 3 but 8..8 steps expect 0
check FORCE_1_hcsshim for 3 but 8..8 steps expect 0
check FORCE_2_strict for 3 but 8..8 steps expect 0
check FORCE_2_hcsshim for 3 but 8..8 steps expect 0
check FORCE_3_strict for 3 but 8..8 steps expect 0
check FORCE_3_hcsshim for 3 but 8..8 steps expect 0
check FORCE_4_strict for 3 but 8..8 steps expect 0
check FORCE_4_hcsshim for 3 but 8..8 steps expect 0
check FORCE_5_strict for 3 but 8..8 steps expect 0
check FORCE_5_hcsshim for 3 but 8..8 steps expect 0

assert CONC_1_strict { strictTrace implies everyWaiterIsReleased }
assert CONC_1_hcsshim { hcsshimTrace implies everyWaiterIsReleased }
assert CONC_2_strict { strictTrace implies waitersAreReleasedTogether }
assert CONC_2_hcsshim { hcsshimTrace implies waitersAreReleasedTogether }
assert CONC_3_strict { strictTrace implies exitDataSurviveEveryCall }
assert CONC_3_hcsshim { hcsshimTrace implies exitDataSurviveEveryCall }
assert CONC_4_strict { strictTrace implies firstForcedExitWins }
assert CONC_4_hcsshim { hcsshimTrace implies firstForcedExitWins }
check CONC_1_strict for 3 but 8..8 steps expect 0
check CONC_1_hcsshim for 3 but 8..8 steps expect 0
check CONC_2_strict for 3 but 8..8 steps expect 0
check CONC_2_hcsshim for 3 but 8..8 steps expect 0
check CONC_3_strict for 3 but 8..8 steps expect 0
check CONC_3_hcsshim for 3 but 8..8 steps expect 0
check CONC_4_strict for 3 but 8..8 steps expect 0
check CONC_4_hcsshim for 3 but 8..8 steps expect 0

-- Scenarios that must have instances ----------------------------------------------------------------

/** Two waiters block on a running exec; a kill ends it, and both are released with its exit data. */
pred killedWhileWaitedFor {
    eventually (running and #Exec.waiters = 2 and callKill[Sig9, Ok] and eventually exited)
}

/** Public report R8: a kill on a created exec with a waiter is refused; forceExit(1) releases it. */
pred refusedKillThenForcedExit {
    eventually (created and some Exec.waiters and callKill[Sig9, FailedPrecondition]
        and after eventually (callForceExit[Code1, Ok] and after (exited and Exec.exit = Code1)))
}

/** hcsshim: a kill on a created exec with a waiter ends it with status 1 and releases the waiter. */
pred killEndsCreated {
    eventually (created and some Exec.waiters and callKill[Sig9, Ok] and after (exited and Exec.exit = Code1))
}

/** hcsshim: forceExit(7) on a running exec records the process's own status, not 7. */
pred forcedExitKeepsOwnStatus {
    eventually (running and callForceExit[Code7, Ok] and eventually (exited and Exec.exit != Code7))
}

run killedWhileWaitedFor_strict { strictTrace and fair and killedWhileWaitedFor } for 3 but 8..8 steps expect 1
run refusedKillThenForcedExit_strict { strictTrace and refusedKillThenForcedExit } for 3 but 8..8 steps expect 1
run killedWhileWaitedFor_hcsshim { hcsshimTrace and fair and killedWhileWaitedFor } for 3 but 8..8 steps expect 1
run killEndsCreated_hcsshim { hcsshimTrace and killEndsCreated } for 3 but 8..8 steps expect 1
run forcedExitKeepsOwnStatus_hcsshim { hcsshimTrace and fair and forcedExitKeepsOwnStatus } for 3 but 8..8 steps
    expect 1
