package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.CallTimeoutException;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.ExecRequest;
import dev.shimexec.tck.ProviderException;
import java.util.concurrent.Callable;

/** The call each input stands for, on one exec and its provider. */
final class Calls {

    private Calls() {
    }

    /**
     * A new exec from {@code provider}, made under {@code guard}'s timeout.
     *
     * @throws ProviderException if the provider cannot make one: the run cannot go on
     */
    static ShimExec create(ExecProvider provider, CallGuard guard, ExecRequest request) {
        CallGuard.Result<ShimExec> created;
        try {
            created = guard.call("create", () -> provider.create(request));
        } catch (CallTimeoutException e) {
            throw new ProviderException("the provider did not create an exec within "
                    + guard.timeout().toMillis() + " ms", e);
        }
        if (created.error() instanceof ProviderException e) {
            throw e;
        }
        if (created.failed() || created.value() == null) {
            throw new ProviderException("the provider could not create an exec for " + request.text() + ": "
                    + ClauseChecks.describe(null, created.error()), created.error());
        }
        return created.value();
    }

    /**
     * The call {@code input} makes: a contract call on {@code exec}, or an environment event through
     * {@code provider}. Calls without a value return null.
     */
    static Callable<Object> of(ShimExec exec, ExecProvider provider, Input input) {
        if (input instanceof Input.Id) {
            return exec::id;
        }
        if (input instanceof Input.Pid) {
            return exec::pid;
        }
        if (input instanceof Input.State) {
            return exec::state;
        }
        if (input instanceof Input.Status) {
            return exec::status;
        }
        if (input instanceof Input.Wait) {
            return exec::awaitExit;
        }
        return () -> {
            act(exec, provider, input);
            return null;
        };
    }

    private static void act(ShimExec exec, ExecProvider provider, Input input) throws Exception {
        if (input instanceof Input.Start) {
            exec.start();
        } else if (input instanceof Input.Kill kill) {
            exec.kill(kill.signal());
        } else if (input instanceof Input.ResizePty resize) {
            exec.resizePty(resize.width(), resize.height());
        } else if (input instanceof Input.CloseIO close) {
            exec.closeIO(close.stdin());
        } else if (input instanceof Input.ForceExit force) {
            exec.forceExit(force.status());
        } else if (input instanceof Input.WorkloadExit exit) {
            provider.exit(exec, exit.code());
        } else if (input instanceof Input.StartFailure) {
            provider.failNextStart(exec);
        } else {
            throw new IllegalArgumentException("no call for " + input);
        }
    }
}
