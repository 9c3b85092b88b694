package dev.shimexec.spec;

/**
 * containerd's task status enum, with the numbers of {@code task.proto}. An exec only ever reports
 * {@link #CREATED}, {@link #RUNNING} or {@link #STOPPED}.
 */
public enum TaskStatus {
    UNKNOWN(0),
    CREATED(1),
    RUNNING(2),
    STOPPED(3),
    PAUSED(4),
    PAUSING(5);

    private final int number;

    TaskStatus(int number) {
        this.number = number;
    }

    /** The protobuf enum number. */
    public int number() {
        return number;
    }
}
