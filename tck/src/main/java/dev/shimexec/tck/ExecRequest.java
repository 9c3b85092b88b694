package dev.shimexec.tck;

import java.util.Objects;

/**
 * What the kit asks a provider to create: a new exec in state created.
 *
 * @param taskId the task the exec belongs to
 * @param execId the exec's id, unique within a kit run
 * @param tty whether the exec has a tty
 * @param stdin whether the exec has an open stdin; its workload then ends with status 0 when it reads
 *     end of input (clause CLOSEIO-3)
 */
public record ExecRequest(String taskId, String execId, boolean tty, boolean stdin) {

    public ExecRequest {
        Objects.requireNonNull(taskId, "taskId must not be null");
        Objects.requireNonNull(execId, "execId must not be null");
    }

    /** The text form a counterexample starts with, such as {@code create(tty=false, stdin=true)}. */
    public String text() {
        return "create(tty=" + tty + ", stdin=" + stdin + ")";
    }
}
