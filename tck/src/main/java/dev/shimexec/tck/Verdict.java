package dev.shimexec.tck;

/** The kit's finding for one clause. */
public enum Verdict {
    /** Checked at least once, and never broken. */
    PASS,
    /** Broken at least once; the result carries the minimal counterexample. */
    FAIL,
    /** Never checked, with the reason; never counted as passed. */
    NOT_VERIFIED
}
