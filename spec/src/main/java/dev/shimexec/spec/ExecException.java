package dev.shimexec.spec;

import java.util.Objects;

/**
 * A contract call that failed, with the containerd error kind it wraps. Implementations throw it from
 * {@link ShimExec} methods exactly where the specification names an error kind; any other exception
 * from a contract call counts as an error of kind {@link ErrorKind#UNKNOWN}.
 */
public class ExecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    /**
     * @param kind the containerd error kind, not null
     * @param message what went wrong; for an invalid-state error it names the exec id, the task id,
     *     the state and the operation (clause ERR-1)
     */
    public ExecException(ErrorKind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind must not be null");
    }

    /** The containerd error kind. */
    public ErrorKind kind() {
        return kind;
    }

    /**
     * The error for a call made in a state where it is not allowed, with the message text the
     * upstream shim uses: exec id, task id, state and operation.
     */
    public static ExecException invalidState(String taskId, String execId, ExecState state, String operation) {
        return new ExecException(ErrorKind.FAILED_PRECONDITION,
                "exec: '" + execId + "' in task: '" + taskId + "' is in invalid state: '" + state.wireName()
                        + "' for " + operation);
    }

    /** The error for a kill on an exec that has exited (clause KILL-3). */
    public static ExecException exited(String taskId, String execId, String operation) {
        return new ExecException(ErrorKind.NOT_FOUND,
                "exec: '" + execId + "' in task: '" + taskId + "' has exited; cannot " + operation);
    }

    @Override
    public String toString() {
        return kind.wireName() + ": " + getMessage();
    }
}
