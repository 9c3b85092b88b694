package dev.shimexec.tck.engine;

import dev.shimexec.model.ExecModel;
import dev.shimexec.model.Input;
import dev.shimexec.model.ModelState;
import dev.shimexec.spec.Clause;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.Counterexample;
import dev.shimexec.tck.KitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The concurrency property: clauses CONC-1 to CONC-7, checked on {@link ConcurrentScenario concurrent
 * scenarios} in which several threads call one exec at once.
 *
 * <p>A run makes {@code min(tries, 60)} scenarios from the run's seed: first a few fixed ones, each the
 * plainest form of a race the contract speaks of, then random ones. Each scenario runs on a fresh exec
 * ({@link ConcurrentRunner}); its history is checked by {@link ConcurrencyChecks}. The first scenario
 * to break a clause is shrunk (threads and calls dropped, a lone waiting thread turned into a wait made
 * before the race, the plainest exec) to the smallest scenario that still breaks it, which is run once
 * more, as a replay would run it, before it becomes the clause's counterexample.
 *
 * <p>Which calls race, and who must win, is the contract's business, stated in the clauses: of racing
 * force-exits exactly one wins (CONC-4); the thread whose call records the exit releases every waiter,
 * whenever the waiter began (CONC-1), all with the same exit data (CONC-2); after the exit no call
 * changes that data (CONC-3); a wait returns within the wait bound once {@code state()} said exited
 * (CONC-5); no call other than a wait on a live exec blocks (CONC-6); and every history is
 * linearizable with respect to the reference model (CONC-7).
 *
 * <p>A disagreement or a history that is not linearizable is replayed without concurrency first (see
 * {@link ConcurrencyChecks#check}); if the calls, one at a time, break a clause, the fault is reported
 * under that clause, with the sequential scenario as its counterexample, shrunk as the sequential
 * phases shrink theirs. Only what needs concurrency to show is reported under CONC-2 to CONC-4 and
 * CONC-7.
 *
 * <p>Once a scenario of this property has shown a waiter that is never released (CONC-1 or FORCE-3,
 * judged with the full call timeout), the property stops giving every further waiter the full call
 * timeout: a waiter still blocked one wait bound after the exit was reported then counts as not
 * released. Likewise once a call deadlocked (CONC-6), a call out for one wait bound counts as
 * deadlocked, and once an exit that was due never came, the closing look waits one wait bound for the
 * next. The verdict on those clauses is given by then; waiting again would only make a run
 * against a faulty implementation long.
 */
final class ConcurrencyProperty implements Property {

    /** The most scenarios one run makes, whatever its number of tries. */
    static final int MAX_SCENARIOS = 60;

    /** The most candidates one shrink may run. */
    static final int SHRINK_BUDGET = 120;

    /** Mixed into the run's seed, so that these scenarios do not follow the sequential ones' choices. */
    private static final long SALT = 0x636f6e63_75727265L;

    /** The statuses the force-exits of one block take, each once: a block has at most ten calls. */
    private static final int[] FORCE_STATUSES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31};

    @Override
    public String phase() {
        return "concurrency";
    }

    /** How many scenarios a run with {@code tries} tries makes. */
    static int scenarios(int tries) {
        return Math.min(tries, MAX_SCENARIOS);
    }

    @Override
    public void check(Context context) {
        KitConfig config = context.config();
        List<ConcurrentScenario> scenarios = generate(config, context.capabilities(), scenarios(config.tries()));
        ConcurrentRunner runner = new ConcurrentRunner(context.provider(), config, context.guard());
        SequenceRunner sequences = new SequenceRunner(context.provider(), config, context.guard());
        Evidence evidence = context.evidence();
        ConcurrencyChecks checks = checks(config, sequences, Patience.untilBroken(evidence));
        context.listener().phaseStarted(phase(), scenarios.size());
        int done = 0;
        boolean hangSeen = false;
        boolean exitMissed = false;
        for (ConcurrentScenario scenario : scenarios) {
            ConcurrentRunner.Run run = runner.run(scenario, limits(config, evidence, hangSeen, exitMissed));
            exitMissed |= run.exitMissed();
            context.count().incrementAndGet();
            ConcurrencyChecks.Finding finding = checks.check(run, evidence::checked);
            if (finding != null) {
                Clause clause = finding.violation().clause();
                hangSeen |= finding.sequential() == null && isHang(clause);
                boolean first = !evidence.hasFailure(clause);
                if (first) {
                    context.listener().clauseBroken(clause);
                }
                if (finding.sequential() != null) {
                    Scenario alone = finding.sequential();
                    Violation violation = finding.violation();
                    if (first) {
                        Shrinker.Shrunk shrunk = new Shrinker(candidate -> sequences.run(candidate, ignored -> { },
                                Patience.atMost(config.waitBound()))).shrink(alone, violation);
                        alone = shrunk.scenario();
                        violation = shrunk.violation();
                    }
                    evidence.failed(new Counterexample(clause, violation.step(),
                            violation.call() + " → " + violation.expected(), violation.actual(), alone.text(),
                            List.of(), config.seed(), finding.sequential().steps().size()));
                } else if (first) {
                    Shrunk shrunk = shrink(runner, checks, config, run, finding.violation());
                    evidence.failed(counterexample(config, shrunk.run, shrunk.violation, scenario.length()));
                } else {
                    evidence.failed(counterexample(config, run, finding.violation(), scenario.length()));
                }
            }
            context.listener().progress(phase(), ++done, scenarios.size());
        }
    }

    @Override
    public boolean replays(String scenario) {
        return ConcurrentScenario.isConcurrent(scenario);
    }

    @Override
    public void replay(Context context, String text) {
        ConcurrentScenario scenario = ConcurrentScenario.parse(text);
        KitConfig config = context.config();
        ConcurrentRunner.Run run = new ConcurrentRunner(context.provider(), config, context.guard())
                .run(scenario, ConcurrentRunner.Limits.full(config));
        context.count().incrementAndGet();
        ConcurrencyChecks checks = checks(config, new SequenceRunner(context.provider(), config, context.guard()),
                Patience.full());
        ConcurrencyChecks.Finding finding = checks.check(run, context.evidence()::checked);
        if (finding != null) {
            Violation violation = finding.violation();
            context.evidence().failed(finding.sequential() == null
                    ? counterexample(config, run, violation, scenario.length())
                    : new Counterexample(violation.clause(), violation.step(),
                            violation.call() + " → " + violation.expected(), violation.actual(),
                            finding.sequential().text(), List.of(), config.seed(),
                            finding.sequential().steps().size()));
        }
    }

    /**
     * The limits of the next scenario: the full call timeout until the run holds the verdict that a
     * wait would only repeat. Once a waiter was seen never released, a waiter still blocked one wait
     * bound after the exit counts as not released; once a call deadlocked (CONC-6), a call out for one
     * wait bound counts as deadlocked; once an exit that was due never showed in {@code state()}, the
     * closing look waits one wait bound for it (the clause that promised the exit is the sequential
     * scenarios' to judge).
     */
    private static ConcurrentRunner.Limits limits(KitConfig config, Evidence evidence, boolean hangSeen,
                                                  boolean exitMissed) {
        return new ConcurrentRunner.Limits(hangSeen ? config.waitBound() : config.callTimeout(),
                evidence.hasFailure(Clause.CONC_6) ? config.waitBound() : config.callTimeout(),
                exitMissed ? config.waitBound() : config.callTimeout());
    }

    /** Whether the runner names {@code clause} for a waiter that is never released. */
    private static boolean isHang(Clause clause) {
        return clause == Clause.CONC_1 || clause == Clause.FORCE_3;
    }

    /**
     * The checks of a run, with {@code sequences} to tell a sequential fault from a concurrent one,
     * waiting in those sequential scenarios as {@code patience} says.
     */
    private static ConcurrencyChecks checks(KitConfig config, SequenceRunner sequences, Patience patience) {
        return new ConcurrencyChecks(config, alone -> sequences.run(alone, ignored -> { }, patience).violation());
    }

    private static Counterexample counterexample(KitConfig config, ConcurrentRunner.Run run, Violation violation,
                                                 int originalLength) {
        return new Counterexample(violation.clause(), violation.step(),
                violation.call() + " → " + violation.expected(), violation.actual(), run.scenario().text(),
                run.history().timeline(), config.seed(), originalLength);
    }

    // Generation.

    /**
     * The scenarios of a run: the fixed ones first, then random ones from the run's seed; the same
     * configuration and capabilities give the same list.
     */
    static List<ConcurrentScenario> generate(KitConfig config, Set<Capability> capabilities, int count) {
        List<ConcurrentScenario> scenarios = new ArrayList<>();
        for (String text : fixed(capabilities)) {
            if (scenarios.size() < count) {
                scenarios.add(ConcurrentScenario.parse(text));
            }
        }
        SplittableRandom random = new SplittableRandom(config.seed() ^ SALT);
        List<ModelState> initial = new Generator(new ExecModel(config.profile()), capabilities).initialStates();
        while (scenarios.size() < count) {
            scenarios.add(randomScenario(random, initial.get(random.nextInt(initial.size())), capabilities));
        }
        return scenarios;
    }

    /**
     * The plainest form of each race the contract speaks of, for the capabilities at hand: force-exits
     * that race one another, a kill that races waiters and readers, two kills that race the exit they
     * cause (public report R3), force-exit racing start and wait, two starts, the workload's own exit
     * racing a force-exit.
     */
    private static List<String> fixed(Set<Capability> capabilities) {
        List<String> texts = new ArrayList<>(List.of(
                "concurrent(tty=false, stdin=false): start(); wait(); wait(); [forceExit(3) | forceExit(5) | status()]",
                "concurrent(tty=false, stdin=false): start(); wait(); wait(); [wait() | kill(9) | state(), status()]",
                "concurrent(tty=false, stdin=false): start(); wait(); [kill(9) | kill(9) | status()]",
                "concurrent(tty=false, stdin=false): start(); [wait() | wait() | forceExit(3) | forceExit(5)]",
                "concurrent(tty=false, stdin=false): [start() | forceExit(3) | wait() | kill(9)]",
                "concurrent(tty=false, stdin=false): wait(); [start() | start() | status()]"));
        if (capabilities.contains(Capability.SELF_EXIT)) {
            texts.add("concurrent(tty=false, stdin=false): start(); wait(); [exit(123) | forceExit(3) | status()]");
        }
        return texts;
    }

    private static ConcurrentScenario randomScenario(SplittableRandom random, ModelState initial,
                                                     Set<Capability> capabilities) {
        boolean started = random.nextInt(10) < 8;
        List<Input> before = new ArrayList<>();
        if (started) {
            before.add(new Input.Start());
        }
        int waits = new int[] {0, 0, 1, 2, 2, 2, 3, 3}[random.nextInt(8)];
        for (int i = 0; i < waits; i++) {
            before.add(new Input.Wait());
        }
        int[] statuses = FORCE_STATUSES.clone();
        for (int i = statuses.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = statuses[i];
            statuses[i] = statuses[j];
            statuses[j] = swap;
        }
        int[] nextStatus = {0};
        Supplier<Input> force = () -> new Input.ForceExit(statuses[nextStatus[0]++ % statuses.length]);
        boolean canExit = started && capabilities.contains(Capability.SELF_EXIT);
        List<List<Input>> threads = new ArrayList<>();
        int threadCount = 2 + random.nextInt(4);
        boolean forced = false;
        for (int t = 0; t < threadCount; t++) {
            List<Input> calls = new ArrayList<>();
            int length = random.nextInt(3) == 0 ? 2 : 1;
            for (int c = 0; c < length; c++) {
                Input input = randomCall(random, started, canExit, initial.stdin(), force);
                boolean afterWait = c > 0 && calls.get(c - 1) instanceof Input.Wait;
                forced |= input instanceof Input.ForceExit && !afterWait;
                calls.add(input);
            }
            threads.add(calls);
        }
        List<Input> after = new ArrayList<>();
        if (!forced) {
            after.add(new Input.ForceExit(1));
        } else if (random.nextInt(5) == 0) {
            after.add(List.of(new Input.Kill(9), new Input.ForceExit(37), new Input.CloseIO(true),
                    new Input.ResizePty(80, 24)).get(random.nextInt(4)));
        }
        return new ConcurrentScenario(initial.tty(), initial.stdin(), before, threads, after);
    }

    private static Input randomCall(SplittableRandom random, boolean started, boolean canExit, boolean stdin,
                                    Supplier<Input> force) {
        while (true) {
            int roll = random.nextInt(100);
            if (roll < 24) {
                return new Input.Wait();
            } else if (roll < 46) {
                return force.get();
            } else if (roll < 58) {
                return new Input.Status();
            } else if (roll < 64) {
                return new Input.State();
            } else if (roll < 72) {
                return new Input.Kill(9);
            } else if (roll < 75) {
                return new Input.Kill(15);
            } else if (roll < 79) {
                return new Input.CloseIO(stdin || random.nextBoolean());
            } else if (roll < 83) {
                return new Input.ResizePty(120, 30);
            } else if (roll < 86) {
                return new Input.Pid();
            } else if (roll < 88) {
                return new Input.Id();
            } else if (roll < 92) {
                if (!started || random.nextInt(4) == 0) {
                    return new Input.Start();
                }
            } else if (canExit) {
                return new Input.WorkloadExit(random.nextBoolean() ? 0 : 123);
            }
        }
    }

    // Shrinking.

    /** The smallest failing scenario found, with its run and its violation. */
    private record Shrunk(ConcurrentRunner.Run run, Violation violation) {
    }

    /**
     * Shrinks the scenario of {@code failing}, which broke {@code violation}'s clause: tries every move
     * on the best scenario so far, takes the first that still breaks the clause, and starts over from
     * it, until no move does or the budget is spent. The result is run once more with the full
     * limits; if that run does not break the same clause, the original is kept. While shrinking a
     * deadlock or a waiter never released, a candidate is judged after one wait bound.
     */
    private static Shrunk shrink(ConcurrentRunner runner, ConcurrencyChecks checks, KitConfig config,
                                 ConcurrentRunner.Run failing, Violation violation) {
        Clause clause = violation.clause();
        ConcurrentRunner.Limits limits = new ConcurrentRunner.Limits(
                isHang(clause) ? config.waitBound() : config.callTimeout(),
                clause == Clause.CONC_6 ? config.waitBound() : config.callTimeout(), config.callTimeout());
        ConcurrentScenario best = failing.scenario();
        int tries = 0;
        boolean progress = true;
        while (progress && tries < SHRINK_BUDGET) {
            progress = false;
            for (ConcurrentScenario candidate : moves(best)) {
                if (tries++ >= SHRINK_BUDGET) {
                    break;
                }
                ConcurrencyChecks.Finding f = checks.check(runner.run(candidate, limits), ignored -> { });
                if (f != null && f.sequential() == null && f.violation().clause() == clause) {
                    best = candidate;
                    progress = true;
                    break;
                }
            }
        }
        if (best.equals(failing.scenario())) {
            return new Shrunk(failing, violation);
        }
        ConcurrentRunner.Run confirmed = runner.run(best, ConcurrentRunner.Limits.full(config));
        ConcurrencyChecks.Finding f = checks.check(confirmed, ignored -> { });
        return f != null && f.sequential() == null && f.violation().clause() == clause
                ? new Shrunk(confirmed, f.violation()) : new Shrunk(failing, violation);
    }

    /** Every smaller or plainer neighbour of {@code scenario}, fewer threads first. */
    private static List<ConcurrentScenario> moves(ConcurrentScenario scenario) {
        List<ConcurrentScenario> moves = new ArrayList<>();
        int threads = scenario.threads().size();
        for (int i = 0; i < threads; i++) {
            moves.add(scenario.withThreadWaitingBefore(i));
        }
        for (int i = 0; i < threads; i++) {
            moves.add(scenario.withoutThread(i));
        }
        for (int i = 0; i < threads; i++) {
            for (int c = 0; c < scenario.threads().get(i).size(); c++) {
                moves.add(scenario.withoutCall(i, c));
            }
        }
        for (int i = 0; i < scenario.before().size(); i++) {
            moves.add(scenario.withoutBefore(i));
        }
        for (int i = 0; i < scenario.after().size(); i++) {
            moves.add(scenario.withoutAfter(i));
        }
        moves.add(scenario.plainer());
        moves.removeIf(m -> m == null || !startsBeforeWorkloadExits(m));
        return moves;
    }

    /** Whether every workload exit of {@code scenario} comes after a start made before the block. */
    private static boolean startsBeforeWorkloadExits(ConcurrentScenario scenario) {
        boolean exits = scenario.threads().stream().flatMap(List::stream)
                .anyMatch(i -> i instanceof Input.WorkloadExit)
                || scenario.after().stream().anyMatch(i -> i instanceof Input.WorkloadExit);
        return !exits || scenario.before().stream().anyMatch(i -> i instanceof Input.Start);
    }
}
