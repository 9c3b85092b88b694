package dev.shimexec.tck.junit;

import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.support.ReferenceProvider;

/** The kit's JUnit 5 entry point, used as an implementer uses it, on the reference exec. */
class ReferenceExecConformanceTests extends ShimExecConformanceTests {

    @Override
    protected ExecProvider provider() {
        return new ReferenceProvider();
    }
}
