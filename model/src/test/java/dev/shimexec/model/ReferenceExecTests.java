package dev.shimexec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.Profile;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reference exec as a shim author would use it: a test double with real ids, pids and times. */
class ReferenceExecTests {

    private static final Instant EXIT_TIME = Instant.parse("2026-12-03T15:04:05.123456789Z");

    private final ReferenceExec exec = new ReferenceExec(Profile.STRICT, "t1", "e1", false, false,
            Clock.fixed(EXIT_TIME, ZoneOffset.UTC));

    @Test
    void workloadExitIsReportedWithItsCodeTimeAndThePidItHad() throws Exception {
        exec.start();
        int pid = exec.pid();

        exec.exitWorkload(123);
        ExecStatus status = exec.awaitExit();

        assertTrue(pid > 0);
        assertEquals(123, status.exitStatus());
        assertEquals(EXIT_TIME, status.exitedAt());
        assertEquals(pid, status.pid());
        assertEquals(ExecState.EXITED, exec.state());
    }

    @Test
    void callsInTheWrongStateFailWithTheKindTheContractNames() {
        ExecException killCreated = assertThrows(ExecException.class, () -> exec.kill(9));
        exec.forceExit(3);
        ExecException killExited = assertThrows(ExecException.class, () -> exec.kill(9));
        ExecException startExited = assertThrows(ExecException.class, exec::start);

        assertEquals(ErrorKind.FAILED_PRECONDITION, killCreated.kind());
        assertTrue(killCreated.getMessage().contains("e1") && killCreated.getMessage().contains("created"));
        assertEquals(ErrorKind.NOT_FOUND, killExited.kind());
        assertEquals(ErrorKind.FAILED_PRECONDITION, startExited.kind());
        assertEquals(3, exec.status().exitStatus());
    }

    @Test
    void everyConcurrentWaiterIsReleasedWithTheSameExitDataAndOnlyOneForceWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        exec.start();
        List<Future<ExecStatus>> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(threads.submit(exec::awaitExit));
        }

        List<CompletableFuture<Void>> forces = new ArrayList<>();
        for (int status = 1; status <= 3; status++) {
            int s = status;
            forces.add(CompletableFuture.runAsync(() -> exec.forceExit(s), threads));
        }
        CompletableFuture.allOf(forces.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        ExecStatus recorded = exec.status();
        for (Future<ExecStatus> wait : waits) {
            assertEquals(recorded, wait.get(5, TimeUnit.SECONDS));
        }
        assertTrue(recorded.exitStatus() >= 1 && recorded.exitStatus() <= 3);
        threads.shutdownNow();
    }

    @Test
    void failedStartExitsWithStatusOneAndReleasesWaiters() throws Exception {
        Future<ExecStatus> waiter = Executors.newSingleThreadExecutor().submit(exec::awaitExit);
        exec.failNextStart();

        assertThrows(ExecException.class, exec::start);

        assertEquals(1, waiter.get(5, TimeUnit.SECONDS).exitStatus());
        assertEquals(0, exec.pid());
        assertFalse(exec.status().exitedAtIsZero());
    }

    @Test
    void closingStdinBeforeStartEndsTheWorkloadWithZeroAtStart() throws Exception {
        ReferenceExec withStdin = new ReferenceExec(Profile.STRICT, "t1", "e2", false, true);

        withStdin.closeIO(true);
        withStdin.closeIO(true);
        withStdin.start();

        assertEquals(0, withStdin.awaitExit().exitStatus());
        assertTrue(withStdin.pid() > 0);
    }
}
