package dev.shimexec.tck.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.CallTimeoutException;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterProviderTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(700);

    @TempDir
    Path dir;

    private Path fake;

    @BeforeEach
    void writeFake() {
        fake = FakeAdapter.write(dir);
    }

    private static ExecRequest request(String exec) {
        return new ExecRequest("task-" + exec, exec, false, false);
    }

    @Test
    void helloGivesNameVersionAndTheCapabilitiesOfTheFeatures() throws Exception {
        String command = FakeAdapter.command(fake, "--features", "tty,exit,start-failure,colour");

        try (AdapterProvider provider = AdapterProvider.start(command, TIMEOUT)) {

            assertEquals("fake-adapter", provider.name());
            assertEquals("9.9", provider.version());
            assertEquals(Set.of(Capability.TTY, Capability.SELF_EXIT), provider.capabilities());
        }
    }

    @Test
    void contractCallsAreProxiedAndStatusObjectsParsed() throws Exception {
        try (AdapterProvider provider = AdapterProvider.start(FakeAdapter.command(fake), TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));

            ExecStatus created = exec.status();
            exec.start();
            int pid = exec.pid();
            Instant before = Instant.now().minusSeconds(1);
            provider.exit(exec, 3);
            ExecStatus exited = exec.awaitExit();

            assertEquals("e1", exec.id());
            assertEquals(TaskStatus.CREATED, created.status());
            assertEquals(255, created.exitStatus());
            assertTrue(created.exitedAtIsZero(), "a created exec reports the zero time");
            assertEquals("task-e1", created.taskId());
            assertTrue(pid > 0);
            assertEquals(ExecState.EXITED, exec.state());
            assertEquals(3, exited.exitStatus());
            assertEquals(pid, exited.pid());
            assertTrue(exited.exitedAt().isAfter(before), "exitedAt " + exited.exitedAt() + " is parsed as a time");
        }
    }

    @Test
    void errorsBecomeExecExceptionsOfTheirKind() throws Exception {
        try (AdapterProvider provider = AdapterProvider.start(FakeAdapter.command(fake), TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));
            exec.forceExit(-1);

            ExecException killed = assertThrows(ExecException.class, () -> exec.kill(9));
            ExecException started = assertThrows(ExecException.class, exec::start);

            assertEquals(ErrorKind.NOT_FOUND, killed.kind());
            assertEquals(ErrorKind.FAILED_PRECONDITION, started.kind());
            assertTrue(started.getMessage().contains("'e1'"), started.getMessage());
            assertEquals(4294967295L, exec.status().exitStatus());
        }
    }

    @Test
    void aPendingWaitHoldsUpNoOtherCall() throws Exception {
        try (AdapterProvider provider = AdapterProvider.start(FakeAdapter.command(fake), TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));
            exec.start();
            CompletableFuture<ExecStatus> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return exec.awaitExit();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            ExecState whileWaiting = exec.state();
            exec.kill(9);
            ExecStatus released = waiter.get(5, TimeUnit.SECONDS);

            assertEquals(ExecState.RUNNING, whileWaiting);
            assertEquals(137, released.exitStatus());
        }
    }

    @Test
    void responsesAreMatchedByIdInWhateverOrderTheyCome() throws Exception {
        String command = FakeAdapter.command(fake, "--slow-on", "pid", "1");
        try (AdapterProvider provider = AdapterProvider.start(command, TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));

            CompletableFuture<Integer> slowPid = CompletableFuture.supplyAsync(exec::pid);
            Thread.sleep(100);
            ExecState quickState = exec.state();

            assertFalse(slowPid.isDone(), "the slow answer is still due when the quick one is in");
            assertEquals(ExecState.CREATED, quickState);
            assertEquals(0, slowPid.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCallWithoutAnswerTimesOutWithCallTimeoutException() throws Exception {
        String command = FakeAdapter.command(fake, "--hang-on", "status");
        try (AdapterProvider provider = AdapterProvider.start(command, SHORT)) {
            ShimExec exec = provider.create(request("e1"));

            CallTimeoutException e = assertThrows(CallTimeoutException.class, exec::status);

            assertEquals("status()", e.call());
            assertEquals(SHORT, e.timeout());
            assertEquals(ExecState.CREATED, exec.state(), "the adapter stays usable after a timed-out call");
        }
    }

    @Test
    void anAdapterThatExitsAtOnceIsReportedWithItsStatusAndStandardError() {
        String command = FakeAdapter.shell(dir, "gone.sh", "echo 'fake adapter: no shim here' >&2\nexit 3\n");

        AdapterException e = assertThrows(AdapterException.class, () -> AdapterProvider.start(command, TIMEOUT));

        assertTrue(e.summary().contains("exited with status 3"), e.summary());
        assertTrue(e.stderrTail().contains("fake adapter: no shim here"), e.stderrTail());
    }

    @Test
    void aCommandThatDoesNotExistIsReportedWithTheShellsComplaint() {
        AdapterException e = assertThrows(AdapterException.class,
                () -> AdapterProvider.start("/nonexistent/shim-adapter --serve", TIMEOUT));

        assertTrue(e.summary().contains("exited with status 127"), e.summary());
        assertTrue(e.stderrTail().contains("/nonexistent/shim-adapter"), e.stderrTail());
    }

    @Test
    void anAdapterThatPrintsSomethingOtherThanJsonIsAFault() {
        String command = FakeAdapter.command(fake, "--garbage-on", "hello");

        AdapterException e = assertThrows(AdapterException.class, () -> AdapterProvider.start(command, TIMEOUT));

        assertTrue(e.summary().contains("not JSON: 'this is not json'"), e.summary());
    }

    @Test
    void anAdapterThatNeverAnswersHelloIsAFault() {
        String command = FakeAdapter.command(fake, "--silent");

        AdapterException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(AdapterException.class, () -> AdapterProvider.start(command, SHORT)));

        assertEquals("the adapter did not answer hello within 700 ms", e.summary());
    }

    @Test
    void anAnswerToAnIdTheKitNeverSentIsAFault() throws Exception {
        String command = FakeAdapter.command(fake, "--unknown-id-on", "state");
        try (AdapterProvider provider = AdapterProvider.start(command, TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));

            AdapterException e = assertThrows(AdapterException.class, exec::state);

            assertTrue(e.summary().contains("which the kit never sent"), e.summary());
            assertTrue(provider.fault().isPresent(), "the fault is kept");
            assertThrows(AdapterException.class, exec::pid, "later calls fail with the same fault");
        }
    }

    @Test
    void anotherProtocolVersionIsAFault() {
        String command = FakeAdapter.command(fake, "--protocol", "2");

        AdapterException e = assertThrows(AdapterException.class, () -> AdapterProvider.start(command, TIMEOUT));

        assertEquals("the adapter speaks protocol 2; this kit speaks protocol 1", e.summary());
    }

    @Test
    void anErrorKindOutsideTheProtocolIsAFault() throws Exception {
        String command = FakeAdapter.command(fake, "--error-kind-on", "start", "Internal");
        try (AdapterProvider provider = AdapterProvider.start(command, TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));

            AdapterException e = assertThrows(AdapterException.class, exec::start);

            assertTrue(e.summary().contains("error kind 'Internal'"), e.summary());
        }
    }

    @Test
    void anAdapterThatDiesReleasesAPendingWaitWithAFault() throws Exception {
        String command = FakeAdapter.command(fake, "--crash-on", "kill");
        try (AdapterProvider provider = AdapterProvider.start(command, TIMEOUT)) {
            ShimExec exec = provider.create(request("e1"));
            exec.start();
            CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    exec.awaitExit();
                    return null;
                } catch (InterruptedException | RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(100);

            assertThrows(AdapterException.class, () -> exec.kill(9));
            Throwable released = waiter.get(5, TimeUnit.SECONDS);

            AdapterException fault = assertThrows(AdapterException.class, () -> {
                throw released;
            });
            assertTrue(fault.summary().contains("exited with status 3"), fault.summary());
            assertTrue(fault.stderrTail().contains("crashing on kill"), fault.stderrTail());
        }
    }

    @Test
    void theStandardErrorTailKeepsTheLast64Lines() throws Exception {
        String command = FakeAdapter.command(fake, "--stderr-lines", "100");
        try (AdapterProvider provider = AdapterProvider.start(command, TIMEOUT)) {
            provider.create(request("e1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!provider.stderrTail().endsWith("line 100") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            List<String> lines = provider.stderrTail().lines().toList();

            assertEquals(65, lines.size(), "64 lines and the note of what was dropped");
            assertEquals("(36 earlier lines dropped)", lines.get(0));
            assertEquals("fake adapter diagnostic line 100", lines.get(64));
        }
    }

    @Test
    void closeEndsTheAdapterAndEveryProcessItStarted() throws Exception {
        Path pids = dir.resolve("pids");
        AdapterProvider provider = AdapterProvider.start(FakeAdapter.command(fake, "--spawn-child", pids.toString()),
                TIMEOUT);
        List<Long> spawned = FakeAdapter.spawnedPids(pids);
        ProcessHandle shell = provider.processHandle();

        provider.close();

        assertFalse(FakeAdapter.running(shell.pid()), "the adapter's shell still runs");
        for (long pid : spawned) {
            assertFalse(FakeAdapter.running(pid), "process " + pid + " still runs");
        }
    }

    @Test
    void closeAfterACrashStillEndsWhatTheAdapterLeftBehind() throws Exception {
        Path pids = dir.resolve("pids");
        String command = FakeAdapter.command(fake, "--spawn-child", pids.toString(), "--crash-on", "start");
        AdapterProvider provider = AdapterProvider.start(command, TIMEOUT);
        List<Long> spawned = FakeAdapter.spawnedPids(pids);
        ShimExec exec = provider.create(request("e1"));
        assertThrows(AdapterException.class, exec::start);

        provider.close();

        for (long pid : spawned) {
            assertFalse(FakeAdapter.running(pid), "process " + pid + " still runs");
        }
    }
}
