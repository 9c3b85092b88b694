package dev.shimexec.tck;

import dev.shimexec.tck.engine.Engine;
import java.util.Objects;

/**
 * The kit's entry point: runs every property against an implementation and returns a verdict per
 * clause.
 *
 * <pre>{@code
 * ConformanceReport report = Conformance.run(new MyProvider(), KitConfig.defaults());
 * report.results().forEach(r -> System.out.println(r.clause() + " " + r.verdict()));
 * }</pre>
 *
 * <p>A run never hangs: every call into the implementation is bounded by the configured call timeout.
 * The provider is not closed; that is the caller's business.
 */
public final class Conformance {

    private Conformance() {
    }

    /** Runs the whole kit against {@code provider}. */
    public static ConformanceReport run(ExecProvider provider, KitConfig config) {
        return run(provider, config, KitListener.SILENT);
    }

    /** Runs the whole kit against {@code provider}, telling {@code listener} how far it is. */
    public static ConformanceReport run(ExecProvider provider, KitConfig config, KitListener listener) {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(listener, "listener must not be null");
        return new Engine(provider, config, listener).run();
    }

    /**
     * Runs one scenario, in the text form a counterexample prints, and reports on the clauses it
     * checks: clauses the scenario does not reach are not verified.
     *
     * @throws IllegalArgumentException naming the fault, if {@code scenario} is not a scenario's text
     */
    public static ConformanceReport replay(ExecProvider provider, KitConfig config, String scenario) {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(scenario, "scenario must not be null");
        return new Engine(provider, config, KitListener.SILENT).replay(scenario);
    }
}
