package dev.shimexec.tck.cli;

import dev.shimexec.tck.ExecProvider;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One implementation the runner is asked to check.
 *
 * @param key a short name for the report sub-directory, such as {@code reference}
 * @param selection the runner's arguments that select this implementation again, for replay commands
 * @param provider makes the provider; may throw {@link UsageException} or an adapter fault
 * @param skipReason why the implementation cannot be run here, or null if it can
 */
record Target(String key, List<String> selection, Supplier<ExecProvider> provider, String skipReason) {

    Target {
        Objects.requireNonNull(key, "key must not be null");
        selection = List.copyOf(selection);
    }

    static Target of(String key, List<String> selection, Supplier<ExecProvider> provider) {
        return new Target(key, selection, provider, null);
    }

    static Target skipped(String key, List<String> selection, String reason) {
        return new Target(key, selection, null, reason);
    }
}
