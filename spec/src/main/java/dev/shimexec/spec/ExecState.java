package dev.shimexec.spec;

/**
 * The lifecycle of one exec. These three states are the only ones an exec has; deleting an exec is
 * the task's business, not the exec's.
 *
 * <pre>
 *   CREATED ──start──────────────────▶ RUNNING ──workload exits, kill, forceExit──▶ EXITED
 *      │                                                                               ▲
 *      └──forceExit, failed start (and kill, under the hcsshim profile)────────────────┘
 * </pre>
 *
 * <p>No transition leaves {@link #EXITED}, and nothing ever returns to {@link #CREATED}.
 */
public enum ExecState {
    /** Made but not started: no process yet, pid 0. */
    CREATED("created"),
    /** Started; the process has not been seen to end. */
    RUNNING("running"),
    /** Ended, by itself or by force; exit status and exit time are fixed from now on. */
    EXITED("exited");

    private final String wireName;

    ExecState(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name that the upstream interface and the adapter protocol use. */
    public String wireName() {
        return wireName;
    }

    /**
     * The state with the given wire name.
     *
     * @throws IllegalArgumentException if {@code wireName} names no state
     */
    public static ExecState fromWireName(String wireName) {
        for (ExecState state : values()) {
            if (state.wireName.equals(wireName)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown exec state: '" + wireName + "'");
    }

    /** The containerd status value that a status report must carry in this state. */
    public TaskStatus taskStatus() {
        switch (this) {
            case CREATED:
                return TaskStatus.CREATED;
            case RUNNING:
                return TaskStatus.RUNNING;
            default:
                return TaskStatus.STOPPED;
        }
    }
}
