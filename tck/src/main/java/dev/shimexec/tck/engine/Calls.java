package dev.shimexec.tck.engine;

import dev.shimexec.model.Input;
import dev.shimexec.spec.ShimExec;
import dev.shimexec.tck.ExecProvider;
import java.util.concurrent.Callable;

/** The call each input stands for, on one exec and its provider. */
final class Calls {

    private Calls() {
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
