package dev.shimexec.tck.junit;

import dev.shimexec.spec.Profile;
import dev.shimexec.tck.ExecProvider;
import dev.shimexec.tck.KitConfig;
import dev.shimexec.tck.support.ReferenceProvider;

/** The reference exec of the hcsshim profile conforms to that profile. */
class HcsshimReferenceConformanceTests extends ShimExecConformanceTests {

    @Override
    protected ExecProvider provider() {
        return new ReferenceProvider(Profile.HCSSHIM);
    }

    @Override
    protected KitConfig config() {
        return KitConfig.defaults().withProfile(Profile.HCSSHIM);
    }
}
