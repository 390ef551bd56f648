package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.FE1;
import static org.lyncrunbooks.recovery.RecoveryLab.MON;
import static org.lyncrunbooks.recovery.RecoveryLab.MON_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.SQL_2012;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabHostResolver;

/** The automatic checks after rebuilding a machine and installing SQL Server: DNS and SQL Server. */
class RebuildChecksTest {

    @TempDir
    Path dir;

    private RecoveryLab lab;
    private RecoveryService service;

    @BeforeEach
    void farm() {
        lab = RecoveryLab.withoutBackup(dir);
        service = lab.service();
    }

    @Test
    void aDestroyedServerFailsTheDnsCheckUntilItHasAnOperatingSystemAgain() {
        lab.farm.destroyServer(FE1);
        RecoveryService.CheckResult destroyed = service.checkServerIdentity(FE1, null);
        lab.farm.installOperatingSystem(FE1);
        String address = LabHostResolver.address(FE1);

        assertThat(destroyed.passed()).isFalse();
        assertThat(destroyed.reason()).startsWith("DNS does not resolve " + FE1 + ": ")
                .endsWith("(give the rebuilt server the same FQDN and keep its AD computer account, R2)");
        assertThat(service.checkServerIdentity(FE1, null)).isEqualTo(new RecoveryService.CheckResult(true, null));
        assertThat(service.checkServerIdentity(FE1, " " + address + " ").passed()).isTrue();
    }

    @Test
    void anAddressOtherThanTheRecordedOneFailsNamingBoth() {
        String address = LabHostResolver.address(FE1);

        RecoveryService.CheckResult other = service.checkServerIdentity(FE1, "10.99.0.1");
        RecoveryService.CheckResult garbage = service.checkServerIdentity(FE1, "fe01; rm -rf /");
        RecoveryService.CheckResult impossible = service.checkServerIdentity(FE1, "10.13.0.300");

        assertThat(other.passed()).isFalse();
        assertThat(other.reason()).startsWith("DNS resolves " + FE1 + " to " + address + ", not to 10.99.0.1");
        assertThat(garbage.reason()).startsWith("'fe01; rm -rf /' is not an IP address; DNS resolves " + FE1 + " to "
                + address);
        assertThat(impossible.reason()).startsWith("'10.13.0.300' is not an IP address");
    }

    @Test
    void sqlServerThatIsNotInstalledFailsWithSqlServersOwnWording() {
        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);

        RecoveryService.CheckResult result = service.checkSqlServer(MON_SERVER);

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).startsWith("SQL Server on " + MON_SERVER + " is not ready: " + MON.display()
                + " cannot be reached: A network-related or instance-specific error occurred while establishing a "
                + "connection to SQL Server.");
    }

    @Test
    void sqlServer2008R2To2014WithoutLyncDataPassesAndOtherVersionsFailWithTheList() {
        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);
        lab.farm.installSqlServer(MON, SQL_2012);
        RecoveryService.CheckResult sql2012 = service.checkSqlServer(MON_SERVER);
        lab.farm.destroySqlInstance(MON);
        lab.farm.installSqlServer(MON, "10.50.6000.34");
        RecoveryService.CheckResult sql2008r2 = service.checkSqlServer(MON_SERVER);
        lab.farm.destroySqlInstance(MON);
        lab.farm.installSqlServer(MON, "9.00.5000.00");
        RecoveryService.CheckResult sql2005 = service.checkSqlServer(MON_SERVER);
        lab.farm.destroySqlInstance(MON);
        lab.farm.installSqlServer(MON, "12.0.6024.0");
        RecoveryService.CheckResult sql2014 = service.checkSqlServer(MON_SERVER);
        lab.farm.destroySqlInstance(MON);
        lab.farm.installSqlServer(MON, "13.0.5026.0");
        RecoveryService.CheckResult sql2016 = service.checkSqlServer(MON_SERVER);

        assertThat(sql2012).isEqualTo(new RecoveryService.CheckResult(true, null));
        assertThat(sql2008r2.passed()).isTrue();
        assertThat(sql2014.passed()).as("SQL Server 2014 was supported for Lync Server 2013 later").isTrue();
        assertThat(sql2005.reason()).isEqualTo("SQL Server on " + MON_SERVER + " is not ready: " + MON.display()
                + " runs SQL Server 2005 (9.00.5000.00); Lync Server 2013 supports SQL Server 2008 R2 (10.50.x), SQL "
                + "Server 2012 (11.x) and SQL Server 2014 (12.x) for its Back End, Archiving, Monitoring and Persistent "
                + "Chat databases");
        assertThat(sql2016.reason()).contains(" runs SQL Server 2016 (13.0.5026.0); Lync Server 2013 supports");
    }

    @Test
    void aDatabaseLeftWithDataFailsNamingIt() {
        RecoveryService.CheckResult result = service.checkSqlServer(MON_SERVER);

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).contains(MON.display() + " already holds data in database LcsLog; a restore goes "
                        + "only to a clean instance")
                .contains("in database LcsCDR").contains("in database QoEMetrics");
    }
}
