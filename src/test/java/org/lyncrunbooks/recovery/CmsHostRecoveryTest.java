package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.BE;
import static org.lyncrunbooks.recovery.RecoveryLab.BE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.FE1;
import static org.lyncrunbooks.recovery.RecoveryLab.FE2;
import static org.lyncrunbooks.recovery.RecoveryLab.POOL;
import static org.lyncrunbooks.recovery.RecoveryLab.SQL_2012;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabHostResolver;
import org.lyncrunbooks.lab.ServerState;
import org.lyncrunbooks.topology.RecoveryProcedure;

/** R4 on an Enterprise Edition Back End: the lab's CMS host is lost, rebuilt by hand, and restored by the service. */
class CmsHostRecoveryTest {

    private static final List<String> DATABASES = List.of("xds", "lis", "rtcxds", "rtcshared", "rgsconfig");

    @TempDir
    Path dir;

    @Test
    void aLostCentralManagementBackEndComesBackRowForRowFromTheSet() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Map<String, Map<String, List<Map<String, Object>>>> before = tables(lab);
        RecoveryService service = lab.service();
        RecoveryService.Assessment assessment = service.assess(BE_SERVER, "");
        service.verifySet(assessment.setId());

        lab.farm.destroyServer(BE_SERVER);
        RecoveryService.CheckResult unreachable = service.checkSqlServer(BE_SERVER);
        lab.farm.installOperatingSystem(BE_SERVER);
        lab.farm.installSqlServer(BE, SQL_2012);

        assertThat(unreachable.passed()).isFalse();
        assertThat(service.checkServerIdentity(BE_SERVER, LabHostResolver.address(BE_SERVER)).passed()).isTrue();
        assertThat(assessment.plan().needsLyncCertificate()).as("a Back End SQL server has no Lync certificate").isFalse();
        assertThat(service.checkSqlServer(BE_SERVER)).isEqualTo(new RecoveryService.CheckResult(true, null));

        String recovery = "r4-back-end";
        String set = assessment.setId();
        service.installCentralManagementDatabase(recovery, BE_SERVER, false);
        service.setConfigurationStoreLocation(recovery, BE_SERVER);
        service.importConfiguration(recovery, set);
        service.enableTopology(recovery);
        service.installConfiguredDatabases(recovery, BE_SERVER);
        service.restoreUserData(recovery, BE_SERVER, set);
        service.restoreLisConfiguration(recovery, set);
        service.restoreResponseGroup(recovery, BE_SERVER, set);

        assertThat(assessment.plan().procedure()).isEqualTo(RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST);
        assertThat(tables(lab)).isEqualTo(before);
        assertThat(lab.farm.centralManagementStoreLocation()).contains(BE);
        assertThat(lab.farm.lisPublished()).as("the restored locations are published to clients").isTrue();
        assertThat(lab.farm.serverState(FE1).runningServices()).contains("RTCSRV", "RTCRGS");
        assertThat(lab.farm.serverState(FE2).runningServices()).contains("RTCSRV", "RTCRGS");
        String zipFolder = lab.setDirectory(set).toString();
        assertThat(lab.cmdlets()).containsSubsequence(
                "Install-CsDatabase -CentralManagementDatabase -Clean -SqlServerFqdn '" + BE_SERVER + "' -SqlInstanceName 'rtc'",
                "Set-CsConfigurationStoreLocation -SqlServerFqdn '" + BE_SERVER + "' -SqlInstanceName 'rtc' -Force",
                "Import-CsConfiguration -FileName '" + zipFolder + "/cms/CsConfiguration.zip'",
                "Enable-CsTopology",
                "Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn '" + BE_SERVER + "'",
                "Stop-CsWindowsService -ComputerName '" + FE1 + "'",
                "Stop-CsWindowsService -ComputerName '" + FE2 + "'",
                "Import-CsUserData -PoolFqdn '" + POOL + "' -FileName '" + zipFolder + "/userdata/" + POOL + ".zip'",
                "Import-CsLisConfiguration -FileName '" + zipFolder + "/cms/LisConfiguration.zip'",
                "Publish-CsLisConfiguration",
                "Import-CsRgsConfiguration -Destination 'ApplicationServer:" + POOL + "' -OverwriteOwner "
                        + "-ReplaceExistingRgsSettings -FileName '"
                        + zipFolder + "/rgs/" + POOL + ".zip'");
        List<String> afterImport = lab.cmdlets().subList(lab.cmdlets().indexOf("Import-CsUserData -PoolFqdn '" + POOL
                + "' -FileName '" + zipFolder + "/userdata/" + POOL + ".zip'"), lab.cmdlets().size());
        assertThat(afterImport).as("the pool's Front Ends are started together, in parallel").contains(
                "Start-CsWindowsService -ComputerName '" + FE1 + "'", "Start-CsWindowsService -ComputerName '" + FE2 + "'");
        assertThat(service.journal(recovery)).extracting(JournalEntry::step).containsExactly(
                "install-central-management-database", "set-configuration-store-location", "import-configuration",
                "enable-topology", "install-configured-databases:" + BE_SERVER, "restore-user-data:" + POOL,
                "restore-lis-configuration", "publish-lis-configuration", "restore-response-group:" + POOL);
        assertThat(service.journal(recovery)).allSatisfy(entry -> {
            assertThat(entry.state()).isEqualTo(JournalEntry.State.DONE);
            assertThat(entry.finishedAt()).isAfterOrEqualTo(entry.startedAt());
        });
    }

    private static Map<String, Map<String, List<Map<String, Object>>>> tables(RecoveryLab lab) {
        Map<String, Map<String, List<Map<String, Object>>>> tables = new LinkedHashMap<>();
        for (String database : DATABASES) {
            tables.put(database, lab.farm.tables(BE, database));
        }
        return tables;
    }
}
