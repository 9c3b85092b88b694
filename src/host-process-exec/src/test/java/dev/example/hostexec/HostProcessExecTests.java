package dev.example.hostexec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shimexec.spec.ErrorKind;
import dev.shimexec.spec.ExecException;
import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ExecStatus;
import dev.shimexec.spec.TaskStatus;
import dev.shimexec.tck.ExecRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Drives {@link HostProcessExec} over real processes, through {@link HostProcessProvider}'s workload. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HostProcessExecTests {

    private static final String TASK = "task-1";
    private static final Duration PROMPTLY = Duration.ofMillis(250);
    private static final Duration PROCESS_GONE_BOUND = Duration.ofSeconds(5);

    private final AtomicInteger nextExec = new AtomicInteger();
    private HostProcessProvider provider;
    private ExecutorService background;

    @BeforeEach
    void openProvider() {
        provider = new HostProcessProvider();
        background = Executors.newCachedThreadPool();
    }

    @AfterEach
    void closeProvider() throws Exception {
        background.shutdownNow();
        provider.close();
    }

    @Test
    void createdExecHasNoProcessAndReportsNotExited() throws Exception {
        HostProcessExec exec = create(true, false);

        ExecStatus status = exec.status();

        assertAll(
                () -> assertEquals(ExecState.CREATED, exec.state(), "state"),
                () -> assertEquals(0, exec.pid(), "pid before start"),
                () -> assertEquals(new ExecStatus(TASK, exec.id(), "", 0, TaskStatus.CREATED, "", "", "", true,
                        ExecStatus.NOT_EXITED, ExecStatus.ZERO_TIME), status, "status before start"));
    }

    @Test
    void startRunsARealProcessUnderItsPid() throws Exception {
        HostProcessExec exec = create(false, false);

        exec.start();

        int pid = exec.pid();
        ExecStatus status = exec.status();
        assertAll(
                () -> assertEquals(ExecState.RUNNING, exec.state(), "state after start"),
                () -> assertTrue(pid > 0, "expected a positive pid, but was " + pid),
                () -> assertTrue(isRunning(pid), "expected process " + pid + " to run, but it does not"),
                () -> assertEquals(pid, status.pid(), "status().pid against pid()"),
                () -> assertEquals(TaskStatus.RUNNING, status.status(), "status().status"),
                () -> assertEquals(ExecStatus.NOT_EXITED, status.exitStatus(), "exit status while running"),
                () -> assertEquals(ExecStatus.ZERO_TIME, status.exitedAt(), "exited-at while running"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 123, 255})
    void workloadExitCodeBecomesTheExitStatus(int code) throws Exception {
        Instant created = Instant.now();
        HostProcessExec exec = create(false, false);
        exec.start();
        int pid = exec.pid();

        provider.exit(exec, code);
        ExecStatus waited = exec.awaitExit();

        Instant read = Instant.now();
        assertAll(
                () -> assertEquals(code, waited.exitStatus(), "exit status after exit(" + code + ")"),
                () -> assertEquals(TaskStatus.STOPPED, waited.status(), "status().status after exit"),
                () -> assertFalse(waited.exitedAt().isBefore(created) || waited.exitedAt().isAfter(read),
                        "expected exited-at within " + created + ".." + read + ", but was " + waited.exitedAt()),
                () -> assertEquals(pid, exec.pid(), "pid after exit"),
                () -> assertEquals(waited, exec.status(), "status() against the wait's result"));
    }

    @Test
    void stdinWorkloadExitsWithTheCodeGivenToIt() throws Exception {
        HostProcessExec exec = create(false, true);
        exec.start();

        provider.exit(exec, 7);

        assertEquals(7, exec.awaitExit().exitStatus(), "exit status of a stdin exec after exit(7)");
    }

    @Test
    void killNineEndsTheProcessAndLaterKillsAreNotFound() throws Exception {
        HostProcessExec exec = create(false, false);
        exec.start();
        int pid = exec.pid();

        exec.kill(9);
        ExecStatus waited = exec.awaitExit();

        ExecException again = assertThrows(ExecException.class, () -> exec.kill(9), "kill after exit");
        assertAll(
                () -> assertEquals(137, waited.exitStatus(), "exit status after kill(9)"),
                () -> assertEquals(ErrorKind.NOT_FOUND, again.kind(), "kind of kill after exit"),
                () -> assertProcessGone(pid));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 15, 34, 64})
    void aTerminatingSignalEndsTheWorkloadWithOneHundredTwentyEightPlusIt(int signal) throws Exception {
        HostProcessExec exec = create(false, signal % 2 == 0);
        exec.start();

        exec.kill(signal);

        assertEquals(128 + signal, exec.awaitExit().exitStatus(), "exit status after kill(" + signal + ")");
    }

    @Test
    void killOnCreatedExecFailsWithFailedPreconditionNamingTheExec() throws Exception {
        HostProcessExec exec = create(false, false);

        ExecException failure = assertThrows(ExecException.class, () -> exec.kill(9), "kill while created");

        assertAll(
                () -> assertEquals(ErrorKind.FAILED_PRECONDITION, failure.kind(), "kind of kill while created"),
                () -> assertEquals(ExecState.CREATED, exec.state(), "state after kill while created"),
                () -> assertTrue(failure.getMessage().contains(exec.id()) && failure.getMessage().contains(TASK)
                                && failure.getMessage().contains("created") && failure.getMessage().contains("kill"),
                        "expected the message to name exec, task, state and operation, but was: "
                                + failure.getMessage()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 65, 4294967295L})
    void killWithAnInvalidSignalFailsAndLeavesTheExecRunning(long signal) throws Exception {
        HostProcessExec exec = create(false, false);
        exec.start();

        ExecException failure = assertThrows(ExecException.class, () -> exec.kill(signal), "kill(" + signal + ")");

        assertAll(
                () -> assertEquals(ErrorKind.FAILED_PRECONDITION, failure.kind(), "kind of kill(" + signal + ")"),
                () -> assertEquals(ExecState.RUNNING, exec.state(), "state after kill(" + signal + ")"),
                () -> assertTrue(isRunning(exec.pid()), "expected the process to run on after kill(" + signal + ")"));
    }

    @Test
    void closeIOOnARunningStdinExecMakesTheWorkloadReadEndOfInput() throws Exception {
        HostProcessExec exec = create(false, true);
        exec.start();

        exec.closeIO(true);
        exec.closeIO(true);

        assertEquals(0, exec.awaitExit().exitStatus(), "exit status after closeIO(true)");
    }

    @Test
    void closeIOBeforeStartTakesEffectAsSoonAsTheProcessRuns() throws Exception {
        HostProcessExec exec = create(false, true);
        exec.closeIO(true);

        exec.start();

        assertEquals(0, exec.awaitExit().exitStatus(), "exit status of an exec whose stdin was closed before start");
    }

    @Test
    void closeIOSucceedsInEveryStateWithoutEndingAnExecThatHasNoStdin() throws Exception {
        HostProcessExec exec = create(false, false);
        exec.closeIO(true);
        exec.start();

        exec.closeIO(true);
        exec.closeIO(false);
        ExecState afterCloses = exec.state();
        exec.forceExit(0);
        exec.closeIO(true);

        assertAll(
                () -> assertEquals(ExecState.RUNNING, afterCloses, "state after closeIO on an exec without stdin"),
                () -> assertEquals(0, exec.status().exitStatus(), "exit status after closeIO on an exited exec"));
    }

    @Test
    void resizePtyIsLegalOnRunningTtyExecsAndIgnoredOutsideRunning() throws Exception {
        HostProcessExec tty = create(true, false);
        HostProcessExec piped = create(false, false);
        tty.resizePty(80, 24);
        piped.resizePty(80, 24);
        tty.start();
        piped.start();

        tty.resizePty(120, 30);
        ExecException failure = assertThrows(ExecException.class, () -> piped.resizePty(120, 30), "piped resize");
        tty.kill(9);
        piped.kill(9);
        tty.awaitExit();
        piped.awaitExit();

        assertAll(
                () -> assertEquals(ErrorKind.FAILED_PRECONDITION, failure.kind(),
                        "kind of resizePty on a running exec without tty"),
                () -> assertDoesNotThrow(() -> tty.resizePty(1, 1), "resizePty on an exited tty exec"),
                () -> assertDoesNotThrow(() -> piped.resizePty(1, 1), "resizePty on an exited exec without tty"));
    }

    @Test
    void startOnARunningOrExitedExecFailsWithFailedPrecondition() throws Exception {
        HostProcessExec running = create(false, false);
        HostProcessExec forced = create(false, false);
        running.start();
        forced.forceExit(3);

        ExecException second = assertThrows(ExecException.class, running::start, "start while running");
        ExecException afterExit = assertThrows(ExecException.class, forced::start, "start after forceExit");

        assertAll(
                () -> assertEquals(ErrorKind.FAILED_PRECONDITION, second.kind(), "kind of start while running"),
                () -> assertEquals(ErrorKind.FAILED_PRECONDITION, afterExit.kind(), "kind of start after exit"),
                () -> assertEquals(3, forced.status().exitStatus(), "exit status after start on an exited exec"));
    }

    @Test
    void startThatCannotRunTheProgramLeavesTheExecExitedWithStatusOne() throws Exception {
        HostProcessExec exec = create(false, false);
        provider.failNextStart(exec);
        Future<ExecStatus> waiter = background.submit(exec::awaitExit);

        assertThrows(ExecException.class, exec::start, "start of a program that does not exist");

        ExecStatus released = waiter.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertAll(
                () -> assertEquals(ExecState.EXITED, exec.state(), "state after a failed start"),
                () -> assertEquals(1, released.exitStatus(), "exit status after a failed start"),
                () -> assertEquals(0, exec.pid(), "pid after a failed start"),
                () -> assertFalse(released.exitedAtIsZero(), "expected a real exited-at after a failed start"));
    }

    @Test
    void forceExitOfMinusOneRecordsTheUnsignedValueAndKillsTheProcess() throws Exception {
        HostProcessExec exec = create(false, false);
        exec.start();
        int pid = exec.pid();
        Future<ExecStatus> waiter = background.submit(exec::awaitExit);

        exec.forceExit(-1);

        ExecStatus released = waiter.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertAll(
                () -> assertEquals(4294967295L, released.exitStatus(), "exit status after forceExit(-1)"),
                () -> assertEquals(pid, exec.pid(), "pid after forceExit"),
                () -> assertProcessGone(pid),
                () -> assertEquals(released, exec.status(), "status() once the killed process has gone"));
    }

    @Test
    void forceExitOnACreatedExecReleasesItsWaiters() throws Exception {
        HostProcessExec exec = create(false, false);
        Future<ExecStatus> waiter = background.submit(exec::awaitExit);

        exec.forceExit(42);

        assertEquals(42, waiter.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).exitStatus(),
                "exit status a waiter sees after forceExit(42) on a created exec");
    }

    @Test
    void forceExitAfterTheWorkloadExitedChangesNothing() throws Exception {
        HostProcessExec exec = create(false, false);
        exec.start();
        provider.exit(exec, 0);
        ExecStatus first = exec.awaitExit();

        exec.forceExit(7);
        exec.forceExit(8);

        assertEquals(first, exec.status(), "status after forceExit on an exited exec");
    }

    @Test
    void everyConcurrentWaiterIsReleasedWithIdenticalDataAndLateWaitsReturnAtOnce() throws Exception {
        HostProcessExec exec = create(false, false);
        exec.start();
        List<Future<ExecStatus>> waiters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiters.add(background.submit(exec::awaitExit));
        }

        exec.kill(9);

        ExecStatus first = waiters.get(0).get(5, TimeUnit.SECONDS);
        for (Future<ExecStatus> waiter : waiters) {
            assertEquals(first, waiter.get(5, TimeUnit.SECONDS), "data seen by one of the concurrent waiters");
        }
        Future<ExecStatus> late = background.submit(exec::awaitExit);
        assertEquals(first, late.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS), "data seen by a late waiter");
    }

    @RepeatedTest(12)
    void workloadExitRacingForceExitRecordsExactlyOneExit(RepetitionInfo repetition) throws Exception {
        HostProcessExec exec = create(false, repetition.getCurrentRepetition() % 2 == 0);
        exec.start();
        int pid = exec.pid();
        Future<ExecStatus> waiter = background.submit(exec::awaitExit);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> forcing = background.submit(() -> {
            go.await();
            TimeUnit.MICROSECONDS.sleep(250L * repetition.getCurrentRepetition());
            exec.forceExit(7);
            return null;
        });

        provider.exit(exec, 0);
        go.countDown();
        forcing.get(5, TimeUnit.SECONDS);

        ExecStatus released = waiter.get(5, TimeUnit.SECONDS);
        assertProcessGone(pid);
        assertAll(
                () -> assertTrue(Set.of(0L, 7L).contains(released.exitStatus()),
                        "expected exit status 0 or 7, but was " + released.exitStatus()),
                () -> assertEquals(released, exec.status(), "status() after both exits had their chance"),
                () -> assertEquals(released, exec.awaitExit(), "a wait after both exits had their chance"));
    }

    @Test
    void execRunsAnyCommandWithoutTheProvider() throws Exception {
        try (HostProcessExec exec = new HostProcessExec(TASK, "direct", List.of("/bin/sh", "-c", "exit 3"),
                false, false)) {

            exec.start();

            assertEquals(3, exec.awaitExit().exitStatus(), "exit status of 'sh -c exit 3'");
        }
    }

    @Test
    void closeKillsTheProcessAndItsDescendants() throws Exception {
        HostProcessExec exec = new HostProcessExec(TASK, "tree", List.of("/bin/sh", "-c", "sleep 600 & wait"),
                false, false);
        exec.start();
        ProcessHandle root = ProcessHandle.of(exec.pid()).orElseThrow();
        long child = awaitChild(root);

        exec.close();

        assertAll(
                () -> assertProcessGone(root.pid()),
                () -> assertProcessGone(child),
                () -> assertEquals(1, exec.status().exitStatus(), "exit status after close"));
    }

    @Test
    void disposeKillsTheWorkloadOfThatExecOnly() throws Exception {
        HostProcessExec disposed = create(false, false);
        HostProcessExec kept = create(false, true);
        disposed.start();
        kept.start();

        provider.dispose(disposed);

        assertProcessGone(disposed.pid());
        assertAll(
                () -> assertEquals(1, disposed.status().exitStatus(), "exit status of a disposed exec"),
                () -> assertTrue(isRunning(kept.pid()), "expected the exec not disposed to run on"));
    }

    @Test
    void closingTheProviderLeavesNoWorkloadRunning() throws Exception {
        List<HostProcessExec> execs = List.of(create(false, false), create(false, true), create(true, false));
        for (HostProcessExec exec : execs) {
            exec.start();
        }

        provider.close();

        for (HostProcessExec exec : execs) {
            assertProcessGone(exec.pid());
        }
    }

    private HostProcessExec create(boolean tty, boolean stdin) throws Exception {
        return provider.create(new ExecRequest(TASK, "exec-" + nextExec.incrementAndGet(), tty, stdin));
    }

    private static long awaitChild(ProcessHandle root) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESS_GONE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> children = root.children().toList();
            if (!children.isEmpty()) {
                return children.get(0).pid();
            }
            Thread.sleep(10);
        }
        return fail("expected process " + root.pid() + " to start a child within " + PROCESS_GONE_BOUND
                + ", but it had none");
    }

    private static void assertProcessGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESS_GONE_BOUND.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                fail("expected process " + pid + " to be gone within " + PROCESS_GONE_BOUND + ", but it still runs");
            }
            Thread.sleep(10);
        }
    }

    /** Whether {@code pid} is a live process: it exists and is not a zombie waiting to be reaped. */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
