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
        service.installCentralManagementDatabase(recovery, SE);
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
    }

    private static Map<String, Object> tables(RecoveryLab lab) {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String database : DATABASES) {
            tables.put(database, lab.farm.tables(SE_SQL, database));
        }
        return tables;
    }
}
