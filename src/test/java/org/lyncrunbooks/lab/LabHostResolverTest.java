package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.FE2;
import static org.lyncrunbooks.lab.LabFixtures.POOL;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabHostResolverTest {

    @TempDir
    Path dir;

    @Test
    void aMachineResolvesToItsOwnFixedAddressOnlyWhileItHasAnOperatingSystem() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));
        LabHostResolver dns = new LabHostResolver(farm);
        String address = LabHostResolver.address(FE1);

        assertThat(dns.resolve(FE1)).containsExactly(address);
        assertThat(dns.resolve(" FE01.LAB.contoso.local ")).containsExactly(address);
        assertThat(address).matches("10\\.13\\.\\d{1,3}\\.\\d{1,3}").isNotEqualTo(LabHostResolver.address(FE2));
        farm.destroyServer(FE1);
        assertThat(dns.resolve(FE1)).isEmpty();
        farm.installOperatingSystem(FE1);
        assertThat(dns.resolve(FE1)).containsExactly(address);
    }

    @Test
    void aPoolResolvesToItsServersThatAreUpAndUnknownNamesResolveToNothing() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));
        LabHostResolver dns = new LabHostResolver(farm);

        assertThat(dns.resolve(POOL)).containsExactly(LabHostResolver.address(FE1), LabHostResolver.address(FE2));
        farm.destroyServer(FE1);
        assertThat(dns.resolve(POOL)).containsExactly(LabHostResolver.address(FE2));
        assertThat(dns.resolve("nobody.lab.contoso.local")).isEmpty();
        assertThat(dns.resolve("../etc")).isEmpty();
        assertThat(dns.resolve(null)).isEmpty();
    }
}
