package dev.shimexec.tck.engine;

import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.KitListener;
import java.util.Set;

/**
 * A family of checks beyond sequential scenarios, such as the concurrency properties. The engine runs
 * every property after the sequential phases, and offers it the replay of any scenario text that it
 * {@link #replays recognises}.
 */
interface Property {

    /** The phase name shown in progress and timing, such as {@code concurrency}. */
    String phase();

    /** Runs the property's scenarios, recording what it checks and breaks in {@code context}'s evidence. */
    void check(Context context);

    /** Whether {@code scenario} is in this property's replay form. */
    boolean replays(String scenario);

    /**
     * Runs the one scenario {@code scenario}, recording into {@code context}'s evidence.
     *
     * @throws IllegalArgumentException naming the fault, if the text is malformed
     */
    void replay(Context context, String scenario);

    /**
     * What a property needs from the run.
     *
     * @return how many scenarios it ran, through {@link #count}
     */
    record Context(ExecProvider provider, KitConfig config, CallGuard guard, Evidence evidence,
                   KitListener listener, Set<Capability> capabilities, java.util.concurrent.atomic.AtomicLong count) {
    }
}
