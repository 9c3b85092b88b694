package dev.example.hostexec;

import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.junit.ShimExecConformanceTests;

/** Certifies {@link HostProcessExec} against every clause of the exec contract, under the strict profile. */
class HostProcessConformanceTests extends ShimExecConformanceTests {

    @Override
    protected ExecProvider provider() {
        return new HostProcessProvider();
    }
}
