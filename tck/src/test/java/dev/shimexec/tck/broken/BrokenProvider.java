package dev.shimexec.tck.broken;

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
 * A provider of deliberately broken execs: reference execs of one profile (strict unless the subclass
 * says otherwise), each wrapped by {@link #breakExec} in the one fault the subclass shows. Every
 * capability is declared, as the reference provider declares it.
 */
public abstract class BrokenProvider implements ExecProvider {

    private final Profile profile;

    /** Reference execs of the strict profile. */
    protected BrokenProvider() {
        this(Profile.STRICT);
    }

    /** Reference execs that follow {@code profile}, not null, before the fault is added. */
    protected BrokenProvider(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile must not be null");
    }

    /** The exec with its fault. */
    protected abstract DelegatingExec breakExec(ReferenceExec exec, ExecRequest request);

    @Override
    public String name() {
        return "broken: " + getClass().getSimpleName() + " (" + profile.id() + ")";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ShimExec create(ExecRequest request) {
        return breakExec(new ReferenceExec(profile, request.taskId(), request.execId(), request.tty(),
                request.stdin()), request);
    }

    @Override
    public void exit(ShimExec exec, int code) {
        ((DelegatingExec) exec).exitWorkload(code);
    }

    @Override
    public void failNextStart(ShimExec exec) {
        ((DelegatingExec) exec).failNextStart();
    }

    @Override
    public void dispose(ShimExec exec) {
        ((DelegatingExec) exec).reference.forceExit(1);
    }
}
