package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.SE;
import static org.lyncrunbooks.recovery.RecoveryLab.SE_SQL;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lab.ServerState;
import org.lyncrunbooks.topology.RecoveryProcedure;

/** R4 on a Standard Edition server: the lab's se-cms shape keeps the Central Management store on se01. */
class StandardEditionCmsRecoveryTest {

    private static final List<String> DATABASES = List.of("xds", "lis", "rtcxds", "rtcshared", "rgsconfig");

    @TempDir
    Path dir;

    @Test
    void aLostStandardEditionCmsHostComesBackAfterPrepareFirstStandardEditionServer() {
        RecoveryLab lab = RecoveryLab.withBackup(dir, FarmShape.SE_CMS);
        Map<String, Object> before = tables(lab);
        Path fileStore = lab.fileStore("lab-fs02");
        Map<String, String> files = RecoveryLab.withoutMeetingActive(RecoveryLab.tree(fileStore));
        RecoveryService service = lab.service();
        RecoveryService.Assessment assessment = service.assess(SE, "");
        String set = assessment.setId();
        service.verifySet(set);

        lab.farm.destroyServer(SE);
        lab.farm.installOperatingSystem(SE);
        ServerState.Certificate certificate = lab.farm.installCertificate(SE);
        assertThat(service.checkCertificate(SE, certificate.thumbprint(), lab.farm.certificatePem(SE)).passed()).isTrue();
        String recovery = "r4-standard-edition";
        service.restoreFileStore(recovery, SE, set, false);
        lab.farm.prepareFirstStandardEditionServer(SE);
        service.recordSetupDatabases(recovery, SE);
        service.installCentralManagementDatabase(recovery, SE, false);
        service.setConfigurationStoreLocation(recovery, SE);
        service.importConfiguration(recovery, set);
        service.enableTopology(recovery);
        lab.farm.runDeploymentWizard(SE);
        service.restoreUserData(recovery, SE, set);
        service.restoreLisConfiguration(recovery, set);
        service.restoreResponseGroup(recovery, SE, set);

        assertThat(assessment.plan().procedure()).isEqualTo(RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST);
        assertThat(assessment.plan().centralManagementStoreOnStandardEdition()).isTrue();
        assertThat(tables(lab)).isEqualTo(before);
        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(files);
        assertThat(lab.farm.lisPublished()).isTrue();
        assertThat(lab.farm.centralManagementStoreLocation()).contains(SE_SQL);
        assertThat(lab.farm.serverState(SE).runningServices()).contains("RTCSRV", "RTCRGS");
        assertThat(service.journal(recovery)).filteredOn(e -> e.step().equals("install-central-management-database"))
                .singleElement().satisfies(e -> assertThat(e.detail()).endsWith("; xds held only the rows Prepare first "
                        + "Standard Edition server created, which -Clean drops and reinstalls (Microsoft's step 6 for a CMS host)"));
    }

    @Test
    void aCentralManagementStoreHoldingAConfigurationIsRefusedAndReinstalledOnlyWithTheOverride() {
        RecoveryLab lab = RecoveryLab.withBackup(dir, FarmShape.SE_CMS);
        RecoveryService service = lab.service();
        String set = service.assess(SE, "").setId();
        lab.farm.destroyServer(SE);
        lab.farm.installOperatingSystem(SE);
        lab.farm.prepareFirstStandardEditionServer(SE);
        String recovery = "r4-configured";
        service.recordSetupDatabases(recovery, SE);
        // someone published a topology into the new CMS before the runbook came to reinstall it
        lab.farm.deleteCentralManagementStoreLocation();
        service.setConfigurationStoreLocation("someone-else", SE);
        service.importConfiguration("someone-else", set);
        Map<String, List<Map<String, Object>>> configured = lab.farm.tables(SE_SQL, "xds");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.installCentralManagementDatabase(recovery, SE, false))
                .isInstanceOf(RestoreTargetNotCleanException.class)
                .hasMessageStartingWith("refusing Install-CsDatabase -CentralManagementDatabase -Clean on " + SE_SQL.display()
                        + ": xds changed since setup created it (dbo.policies 2 → ")
                .hasMessageContaining("dbo.topology_document 0 → 1 rows")
                .hasMessageContaining("approve the override to reinstall them");
        assertThat(lab.farm.tables(SE_SQL, "xds")).isEqualTo(configured);
        assertThat(service.journal(recovery)).extracting(JournalEntry::step).containsExactly("record-setup-databases");

        service.installCentralManagementDatabase(recovery, SE, true);

        assertThat(lab.farm.tables(SE_SQL, "xds").get("topology_document")).isEmpty();
        assertThat(service.journal(recovery)).last().satisfies(e -> assertThat(e.detail())
                .contains("— reinstalled with the approved override"));
    }

    private static Map<String, Object> tables(RecoveryLab lab) {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String database : DATABASES) {
            tables.put(database, lab.farm.tables(SE_SQL, database));
        }
        return tables;
    }
}
