package dev.shimexec.tck.engine;

import dev.shimexec.tck.Capability;
import java.util.List;
import java.util.Set;

/**
 * The faults that real shims shipped (the public reports R1 to R10), as scenarios the kit runs on
 * every implementation by default. Concurrent waits in a report are several waits left blocked in
 * the background; the concurrency properties race them for real.
 */
final class Regressions {

    /** One report's scenario, and the capabilities it needs. */
    record Case(String id, String title, String scenario, Set<Capability> needs) {
        Scenario parsed() {
            return Scenario.parse(scenario);
        }
    }

    static final List<Case> CASES = List.of(
            new Case("R1", "resize after the tty workload exited is ignored",
                    "create(tty=true, stdin=false); start(); exit(0); wait(); resizePty(120, 30)",
                    Set.of(Capability.TTY, Capability.SELF_EXIT)),
            new Case("R2", "every waiter, and a late one, sees the same exit",
                    "create(tty=false, stdin=false); start(); wait(); wait(); wait(); wait(); wait(); kill(9); wait()",
                    Set.of()),
            new Case("R3", "a second kill right after the first is nil or NotFound, never another kind",
                    "create(tty=false, stdin=false); start(); kill(9); kill(9); wait(); kill(9)",
                    Set.of()),
            new Case("R4", "the pid survives the exit",
                    "create(tty=false, stdin=false); start(); pid(); exit(0); wait(); pid(); status()",
                    Set.of(Capability.SELF_EXIT)),
            new Case("R5", "exited-at is a real time",
                    "create(tty=false, stdin=false); start(); exit(0); wait(); status()",
                    Set.of(Capability.SELF_EXIT)),
            new Case("R6", "closing stdin before start succeeds and the workload sees end of input",
                    "create(tty=false, stdin=true); closeIO(true); start(); wait()",
                    Set.of(Capability.STDIN)),
            new Case("R7", "the workload's exit code is reported as it is",
                    "create(tty=false, stdin=false); start(); exit(123); wait(); status()",
                    Set.of(Capability.SELF_EXIT)),
            new Case("R8", "kill on a created exec fails and leaves the waiter blocked until forceExit",
                    "create(tty=false, stdin=false); wait(); kill(9); state(); forceExit(1); wait()",
                    Set.of()),
            new Case("R9", "forceExit releases a waiter at once; kill afterwards is NotFound",
                    "create(tty=false, stdin=false); start(); wait(); forceExit(1); kill(9)",
                    Set.of()),
            new Case("R10", "a forceExit after the exit changes nothing",
                    "create(tty=false, stdin=false); start(); exit(0); wait(); forceExit(7); status(); wait()",
                    Set.of(Capability.SELF_EXIT)));

    private Regressions() {
    }
}
