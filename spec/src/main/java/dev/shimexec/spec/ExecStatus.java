package dev.shimexec.spec;

import java.time.Instant;
import java.util.Objects;

/**
 * The full status of one exec: containerd's {@code StateResponse}, field for field.
 *
 * @param taskId the id of the task the exec belongs to ({@code id} on the wire)
 * @param execId the exec's own id ({@code exec_id})
 * @param bundle the bundle path, possibly empty
 * @param pid the process id, 0 before the exec has a process
 * @param status the containerd status value
 * @param stdin the path of the stdin stream, possibly empty
 * @param stdout the path of the stdout stream, possibly empty
 * @param stderr the path of the stderr stream, possibly empty
 * @param terminal whether the exec runs with a tty
 * @param exitStatus the exit status, an unsigned 32-bit value (0 to 4294967295); 255 until exited
 * @param exitedAt when the exec exited; {@link #ZERO_TIME} until then
 */
public record ExecStatus(
        String taskId,
        String execId,
        String bundle,
        int pid,
        TaskStatus status,
        String stdin,
        String stdout,
        String stderr,
        boolean terminal,
        long exitStatus,
        Instant exitedAt) {

    /** Go's zero time, 0001-01-01T00:00:00Z: what {@code exitedAt} holds until the exec exits. */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** The exit status reported by an exec that has not exited. */
    public static final long NOT_EXITED = 255;

    /** The largest exit status: the unsigned 32-bit range ends here. */
    public static final long MAX_EXIT_STATUS = 0xFFFF_FFFFL;

    /**
     * @throws NullPointerException if a string field, {@code status} or {@code exitedAt} is null
     * @throws IllegalArgumentException if {@code exitStatus} is outside 0 to 4294967295, or
     *     {@code pid} is negative
     */
    public ExecStatus {
        Objects.requireNonNull(taskId, "taskId must not be null");
        Objects.requireNonNull(execId, "execId must not be null");
        Objects.requireNonNull(bundle, "bundle must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(stdin, "stdin must not be null");
        Objects.requireNonNull(stdout, "stdout must not be null");
        Objects.requireNonNull(stderr, "stderr must not be null");
        Objects.requireNonNull(exitedAt, "exitedAt must not be null");
        if (exitStatus < 0 || exitStatus > MAX_EXIT_STATUS) {
            throw new IllegalArgumentException("exitStatus must be within 0..4294967295, was " + exitStatus);
        }
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative, was " + pid);
        }
    }

    /** Whether {@code exitedAt} is Go's zero time. */
    public boolean exitedAtIsZero() {
        return ZERO_TIME.equals(exitedAt);
    }

    /**
     * The exit status a {@code forceExit(status)} records: the signed value read as unsigned 32 bits,
     * so that -1 becomes 4294967295 (decision O10).
     */
    public static long exitStatusOf(int status) {
        return Integer.toUnsignedLong(status);
    }
}
