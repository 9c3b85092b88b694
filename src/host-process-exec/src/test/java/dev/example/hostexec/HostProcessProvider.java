package dev.example.hostexec;

import dev.shimexec.spec.ExecState;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plugs {@link HostProcessExec} into the conformance kit, with a {@code /bin/sh} workload whose end the
 * kit controls.
 *
 * <p>The workload of an exec created without stdin opens a control FIFO of its own, made in a private
 * temporary directory, and waits for a line on it: {@link #exit(ShimExec, int)} writes the exit code
 * there, and the workload exits with it. The provider keeps the FIFO open for reading and writing from
 * creation to disposal, so a code written before the workload opens it is kept, and a write never
 * blocks, even when the workload has gone.
 *
 * <p>The workload of an exec created with stdin reads its stdin instead: a line holding a number makes
 * it exit with that number ({@link #exit(ShimExec, int)} writes one through
 * {@link HostProcessExec#writeInput(byte[])}), and end of input makes it exit with 0. Once stdin is
 * closed, {@code exit} has no effect: the workload is already bound to end with 0.
 *
 * <p>Signals act on the workload as on any program: SIGKILL, SIGTERM and every signal whose default
 * action is to terminate end it with status {@code 128 + n}; a signal that is ignored by default (such
 * as 17, 23 or 28) leaves it running, and 19 to 22 stop it. If the JVM dies, the workload reads end of
 * input on its FIFO or its stdin and exits, so no workload outlives the provider.
 *
 * <p>{@link #failNextStart(ShimExec)} replaces the exec's command by a program that does not exist.
 * {@link #dispose(ShimExec)} and {@link #close()} kill each process and its descendants and remove the
 * FIFOs. Thread-safe.
 */
public final class HostProcessProvider implements ExecProvider {

    private static final String FIFO_WORKLOAD = "exec 3<\"$1\"; read -r code <&3; exit \"${code:-1}\"";
    private static final String STDIN_WORKLOAD =
            "while read -r line; do case \"$line\" in ''|*[!0-9]*) ;; *) exit \"$line\" ;; esac; done; exit 0";
    private static final String MISSING_PROGRAM = "/nonexistent/shimexec-workload";
    private static final long MKFIFO_TIMEOUT_SECONDS = 10;

    private final Path controlDirectory;
    private final AtomicLong nextFifo = new AtomicLong();
    private final Map<HostProcessExec, Control> controls = new ConcurrentHashMap<>();

    /**
     * A provider with a fresh private directory for its control FIFOs.
     *
     * @throws UncheckedIOException if the directory cannot be made
     */
    public HostProcessProvider() {
        try {
            controlDirectory = Files.createTempDirectory("host-process-exec-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directory for control FIFOs", e);
        }
    }

    @Override
    public String name() {
        return "host-process-exec";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TTY, Capability.STDIN, Capability.SELF_EXIT, Capability.START_FAILURE);
    }

    /**
     * A created exec whose workload is the stdin loop or the FIFO wait (see the class description).
     *
     * @throws IOException if the control FIFO cannot be made or opened
     * @throws InterruptedException if interrupted while the FIFO is made
     */
    @Override
    public HostProcessExec create(ExecRequest request) throws IOException, InterruptedException {
        if (request.stdin()) {
            HostProcessExec exec = new HostProcessExec(request.taskId(), request.execId(),
                    List.of("/bin/sh", "-c", STDIN_WORKLOAD), request.tty(), true);
            controls.put(exec, Control.NONE);
            return exec;
        }
        Control control = Control.open(controlDirectory.resolve("exec-" + nextFifo.incrementAndGet()));
        HostProcessExec exec = new HostProcessExec(request.taskId(), request.execId(),
                List.of("/bin/sh", "-c", FIFO_WORKLOAD, "workload", control.fifo().toString()), request.tty(), false);
        controls.put(exec, control);
        return exec;
    }

    /**
     * Makes the running workload exit with {@code code}; the exec records the exit once the process has
     * ended. On an exec that is not running it does nothing, so a code is never kept for a later start.
     *
     * @throws IllegalArgumentException if {@code code} is outside 0 to 255, or {@code exec} is not one of
     *     this provider's live execs
     * @throws IOException if the control FIFO cannot be written
     */
    @Override
    public void exit(ShimExec exec, int code) throws IOException {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("an exit code must be within 0..255, was " + code);
        }
        HostProcessExec hostExec = own(exec);
        byte[] line = (code + "\n").getBytes(StandardCharsets.US_ASCII);
        Control control = controls.get(hostExec);
        if (control == null) {
            throw new IllegalArgumentException("exec '" + exec.id() + "' has been disposed");
        }
        if (control == Control.NONE) {
            hostExec.writeInput(line);
        } else if (hostExec.state() == ExecState.RUNNING) {
            control.write(line);
        }
    }

    @Override
    public void failNextStart(ShimExec exec) {
        own(exec).replaceCommand(List.of(MISSING_PROGRAM));
    }

    /** Kills the exec's process and its descendants, releases its waiters and removes its FIFO. */
    @Override
    public void dispose(ShimExec exec) throws IOException {
        HostProcessExec hostExec = own(exec);
        hostExec.close();
        Control control = controls.remove(hostExec);
        if (control != null) {
            control.close();
        }
    }

    /** Disposes every exec not yet disposed and removes the FIFO directory. */
    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (HostProcessExec exec : List.copyOf(controls.keySet())) {
            try {
                dispose(exec);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        try {
            Files.deleteIfExists(controlDirectory);
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException("closing provider '" + name() + "' failed " + failures.size()
                    + " time(s); the first failure is the cause", failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static HostProcessExec own(ShimExec exec) {
        if (exec instanceof HostProcessExec hostExec) {
            return hostExec;
        }
        throw new IllegalArgumentException("expected an exec made by this provider (a HostProcessExec), but got "
                + (exec == null ? "null" : exec.getClass().getName()));
    }

    /** The control FIFO of one exec, held open for reading and writing; {@link #NONE} for a stdin exec. */
    private record Control(Path fifo, FileChannel channel) {

        static final Control NONE = new Control(null, null);

        static Control open(Path fifo) throws IOException, InterruptedException {
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!mkfifo.waitFor(MKFIFO_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                throw new IOException("expected mkfifo to make " + fifo + " within " + MKFIFO_TIMEOUT_SECONDS
                        + " s, but it was still running");
            }
            if (mkfifo.exitValue() != 0) {
                throw new IOException("expected mkfifo to make " + fifo + ", but it exited with " + mkfifo.exitValue());
            }
            return new Control(fifo, FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }

        void write(byte[] line) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        void close() throws IOException {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(fifo);
            }
        }
    }
}
