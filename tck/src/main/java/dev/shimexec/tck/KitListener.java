package dev.shimexec.tck;

import dev.shimexec.spec.Clause;

/**
 * Hears how a run progresses, for a progress display. Every method has an empty default; calls come
 * from the kit's own thread, one at a time.
 */
public interface KitListener {

    /** A listener that hears nothing. */
    KitListener SILENT = new KitListener() {
    };

    /** A phase begins, such as {@code transition tour}, with how many scenarios it will run. */
    default void phaseStarted(String phase, int scenarios) {
    }

    /** {@code done} of the phase's scenarios have run. */
    default void progress(String phase, int done, int scenarios) {
    }

    /** The kit found a scenario that breaks {@code clause}, and is shrinking it. */
    default void clauseBroken(Clause clause) {
    }
}
