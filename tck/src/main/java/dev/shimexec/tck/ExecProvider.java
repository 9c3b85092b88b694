package dev.shimexec.tck;

import dev.shimexec.spec.ShimExec;
import java.util.Set;

/**
 * How an implementation plugs into the kit: it makes fresh execs, and drives their environment.
 *
 * <p>The kit calls {@link #create} for every sequence it runs, and {@link #dispose} when it is done
 * with an exec, whatever the outcome. Every call into the provider and into the execs it makes runs
 * under the kit's call timeout, on a thread of the kit's; a call that does not return is a verdict,
 * not a stuck build. Providers must be safe for use from several threads.
 *
 * <p>The workload of an exec is the provider's to choose, as long as it behaves as the kit expects:
 * it runs until {@link #exit} makes it end, until it is killed, or (only when the exec was created
 * with {@code stdin}) until it reads end of input, when it ends with status 0.
 */
public interface ExecProvider extends AutoCloseable {

    /** The name of the implementation, for the report, such as {@code example-shim}. */
    String name();

    /** The version of the implementation, for the report. */
    default String version() {
        return "unversioned";
    }

    /** What the implementation can do; see {@link Capability}. Asked once per run. */
    Set<Capability> capabilities();

    /**
     * A new exec in state created, as {@code request} describes.
     *
     * @throws Exception if the exec cannot be made; the kit reports it and runs on
     */
    ShimExec create(ExecRequest request) throws Exception;

    /**
     * Makes the running workload of {@code exec} end by itself with {@code code} (0 to 255), as a
     * finished command would; the exec may record the exit later. Called only on a started exec, and
     * only when {@link Capability#SELF_EXIT} is declared.
     */
    default void exit(ShimExec exec, int code) throws Exception {
        throw new UnsupportedOperationException("the provider declares no self-exit capability");
    }

    /**
     * Arranges that the next {@link ShimExec#start()} of {@code exec} cannot start its process. Called
     * only on a created exec, and only when {@link Capability#START_FAILURE} is declared.
     */
    default void failNextStart(ShimExec exec) throws Exception {
        throw new UnsupportedOperationException("the provider declares no start-failure capability");
    }

    /** Releases everything {@code exec} holds; the kit will not use it again. */
    default void dispose(ShimExec exec) throws Exception {
        exec.forceExit(1);
    }

    /** Releases everything the provider holds; called once, at the end of a run. */
    @Override
    default void close() throws Exception {
    }
}
