package dev.shimexec.tck.broken;

import dev.shimexec.spec.Clause;
import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ExecProvider;

/**
 * A deliberately broken implementation, and the verdict the kit must give on it.
 *
 * @param name a short name for test reports
 * @param clause the clause it breaks, which the kit must report as failed
 * @param profile the profile under which it is checked
 * @param provider its provider class, with a public no-arg constructor
 * @param report the public report whose fault it reproduces, such as {@code R7}; null if none
 */
public record Broken(String name, Clause clause, Profile profile, Class<? extends ExecProvider> provider,
                     String report) {

    /** A new instance of the provider. */
    public ExecProvider newProvider() {
        try {
            return provider.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(provider.getName() + " needs a public no-arg constructor", e);
        }
    }

    @Override
    public String toString() {
        return name + " breaks " + clause.id() + (report == null ? "" : " (" + report + ")");
    }
}
