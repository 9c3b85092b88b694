package dev.shimexec.tck.support;

import dev.shimexec.model.ReferenceExec;
import dev.shimexec.spec.Profile;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.Capability;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The kit's bundled implementation: in-memory {@link ReferenceExec}s, which do exactly what the
 * reference model says under the given profile. It has every capability.
 */
public class ReferenceProvider implements ExecProvider {

    private final Profile profile;

    /** Reference execs that follow the strict profile. */
    public ReferenceProvider() {
        this(Profile.STRICT);
    }

    /** Reference execs that follow {@code profile}. */
    public ReferenceProvider(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile must not be null");
    }

    @Override
    public String name() {
        return "reference-exec (" + profile.id() + ")";
    }

    @Override
    public String version() {
        String version = ReferenceProvider.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ShimExec create(ExecRequest request) {
        return new ReferenceExec(profile, request.taskId(), request.execId(), request.tty(), request.stdin());
    }

    @Override
    public void exit(ShimExec exec, int code) {
        ((ReferenceExec) exec).exitWorkload(code);
    }

    @Override
    public void failNextStart(ShimExec exec) {
        ((ReferenceExec) exec).failNextStart();
    }
}
