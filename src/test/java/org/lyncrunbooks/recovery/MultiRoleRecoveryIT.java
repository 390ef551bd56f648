package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Servers that play two parts, end to end (lab shape {@code multi-role}): pc01 is the Persistent Chat server and the
 * file server of pool01's file store (R8 and R10); mon01 holds the Archiving/Monitoring instance and the Persistent
 * Chat store (R11 and R12). One recovery per server runs every procedure it needs, in Microsoft's order, the server
 * rebuilt and given SQL Server once; the lab's people work it through REST.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.shape=multi-role",
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=30"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiRoleRecoveryIT {

    static final String PC = "pc01.lab.contoso.local";
    static final String MON = "mon01.lab.contoso.local";
    static final SqlStoreRef ARCHMON = new SqlStoreRef(MON, "archmon");
    static final SqlStoreRef PCHAT = new SqlStoreRef(MON, "pchat");
    /** mon01's databases as the backup took them (the farm's activity goes on after it). */
    static Map<String, Object> archmonBackedUp;
    static Map<String, Object> pchatBackedUp;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;

    LabRecoveries lab() {
        return new LabRecoveries(rest, runtime, history, farm);
    }

    @Test
    @Order(1)
    void aPersistentChatServerThatSharesAFileStoreGetsItsServiceAndItsFilesBackInOneRecovery() {
        LabRecoveries lab = lab();
        lab.backUp();
        archmonBackedUp = lab.databases(ARCHMON, "LcsLog", "LcsCDR", "QoEMetrics");
        pchatBackedUp = lab.databases(PCHAT, "mgc");
        Map<String, String> files = lab.fileStore("lab-fs01");
        lab.breakServer(PC);
        assertThat(lab.fileStore("lab-fs01")).isEmpty();

        LabRecoveries.Recovery recovery = lab.recover(PC);

        assertThat(lab.report(recovery.id()).get("procedure").asText()).contains("R8:").contains("R10:");
        assertThat(recovery.tasks()).as("rebuilt once, for both procedures")
                .containsOnlyOnce("UserTask_PrepareCleanServer", "UserTask_RestoreCertificates")
                .contains("UserTask_RunDeploymentWizard");
        assertThat(lab.fileStore("lab-fs01")).isEqualTo(files);
        assertThat(farm.fileStoreAclsSet("lab-fs01")).isTrue();
        assertThat(farm.serverState(PC).runningServices()).isNotEmpty();
    }

    @Test
    @Order(2)
    void aSqlServerHoldingArchivingMonitoringAndPersistentChatGetsEveryDatabaseBackInOneRecovery() {
        LabRecoveries lab = lab();
        lab.breakServer(MON);

        LabRecoveries.Recovery recovery = lab.recover(MON);

        assertThat(lab.report(recovery.id()).get("procedure").asText()).contains("R11:").contains("R12:");
        assertThat(recovery.tasks()).as("one clean server and one SQL Server installation for both stores")
                .containsOnlyOnce("UserTask_PrepareCleanServer", "UserTask_InstallSqlServer")
                .doesNotContain("UserTask_RestoreCertificates", "UserTask_RunDeploymentWizard");
        assertThat(lab.databases(ARCHMON, "LcsLog", "LcsCDR", "QoEMetrics")).isEqualTo(archmonBackedUp);
        assertThat(lab.databases(PCHAT, "mgc")).isEqualTo(pchatBackedUp);
        // mgccomp is transient (a compliance adapter drains it) and never backed up: it comes back created and empty
        assertThat(farm.tables(PCHAT, "mgccomp")).isNotEmpty().allSatisfy((table, rows) -> assertThat(rows).isEmpty());
    }
}
