package dev.shimexec.tck.broken.concurrency;

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
 * The base of this package's providers: reference execs, each wrapped in an exec with one concurrency
 * fault. Every capability is declared, as the reference provider declares it.
 */
public abstract class BrokenExecProvider implements ExecProvider {

    private final Profile profile;

    /** Reference execs that follow {@code profile}, not null, before the fault is added. */
    protected BrokenExecProvider(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile must not be null");
    }

    /** The exec with the fault, around {@code exec}. */
    protected abstract ForwardingExec wrap(ReferenceExec exec);

    @Override
    public String name() {
        return getClass().getSimpleName() + " (" + profile.id() + ")";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ShimExec create(ExecRequest request) {
        return wrap(new ReferenceExec(profile, request.taskId(), request.execId(), request.tty(), request.stdin()));
    }

    @Override
    public void exit(ShimExec exec, int code) {
        ((ForwardingExec) exec).exitWorkload(code);
    }

    @Override
    public void failNextStart(ShimExec exec) {
        ((ForwardingExec) exec).failNextStart();
    }
}
