package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * R4 on a Standard Edition server end to end (lab shape {@code se-cms}): the Central Management store lives on se01's
 * SQL Server Express; se01 is lost with its file store; the lab's people recover it through REST. "Prepare first
 * Standard Edition server" creates the CMS with setup's own rows, the runbook's {@code -Clean} accepts exactly those
 * (no override asked), and every database and file comes back as it was backed up.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.shape=se-cms",
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=30"})
class StandardEditionCmsRecoveryIT {

    static final String SE = "se01.lab.contoso.local";
    static final SqlStoreRef SE_SQL = new SqlStoreRef(SE, "rtc");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;
    @Autowired
    RecoveryService service;

    @Test
    void aLostStandardEditionCentralManagementStoreHostIsRecoveredThroughRestToTheBackedUpState() {
        LabRecoveries lab = new LabRecoveries(rest, runtime, history, farm);
        assertThat(farm.centralManagementStoreLocation()).contains(SE_SQL);
        lab.backUp();
        Map<String, Object> before = lab.databases(SE_SQL, "xds", "lis", "rtcxds", "rtcshared", "rgsconfig");
        Map<String, String> files = lab.fileStore("lab-fs02");
        lab.breakServer(SE);

        LabRecoveries.Recovery recovery = lab.recover(SE);

        assertThat(recovery.tasks()).containsSubsequence("UserTask_PrepareCleanServer", "UserTask_RestoreCertificates",
                "UserTask_PrepareFirstStandardEditionServer", "UserTask_RunDeploymentWizard");
        assertThat(lab.databases(SE_SQL, "xds", "lis", "rtcxds", "rtcshared", "rgsconfig")).isEqualTo(before);
        assertThat(lab.fileStore("lab-fs02")).isEqualTo(files);
        assertThat(farm.centralManagementStoreLocation()).contains(SE_SQL);
        assertThat(farm.lisPublished()).isTrue();
        assertThat(farm.serverState(SE).runningServices()).contains("RTCSRV", "RTCRGS");
        assertThat(service.journal(recovery.id())).extracting(JournalEntry::step)
                .containsSubsequence("record-setup-databases", "install-central-management-database");
        assertThat(service.journal(recovery.id())).filteredOn(e -> e.step().equals("install-central-management-database"))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("xds held only the rows Prepare first "
                        + "Standard Edition server created"));
        assertThat(lab.report(recovery.id()).get("procedure").asText()).startsWith("R4");
    }
}
