package dev.shimexec.spec;

/** containerd's error kinds (its {@code errdefs} package), as an exec failure carries them. */
public enum ErrorKind {
    FAILED_PRECONDITION("FailedPrecondition"),
    NOT_FOUND("NotFound"),
    ALREADY_EXISTS("AlreadyExists"),
    INVALID_ARGUMENT("InvalidArgument"),
    NOT_IMPLEMENTED("NotImplemented"),
    UNAVAILABLE("Unavailable"),
    UNKNOWN("Unknown");

    private final String wireName;

    ErrorKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name the adapter protocol uses, such as {@code FailedPrecondition}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The kind with the given wire name.
     *
     * @throws IllegalArgumentException if {@code wireName} names no kind
     */
    public static ErrorKind fromWireName(String wireName) {
        for (ErrorKind kind : values()) {
            if (kind.wireName.equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown error kind: '" + wireName + "'");
    }
}
