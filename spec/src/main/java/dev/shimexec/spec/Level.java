package dev.shimexec.spec;

/** The requirement level of a clause, as RFC 2119 defines the keywords. */
public enum Level {
    /** An absolute requirement: an implementation that breaks it does not conform. */
    MUST,
    /** Recommended: breaking it is reported, but does not fail conformance. */
    SHOULD,
    /** Truly optional: reported for information only. */
    MAY;

    /** Whether breaking a clause of this level fails conformance. */
    public boolean isRequired() {
        return this == MUST;
    }
}
