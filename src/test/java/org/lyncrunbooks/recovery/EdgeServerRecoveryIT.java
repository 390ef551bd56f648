package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.ServerState;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * R8 for an Edge server end to end, worked through REST by the lab's people: the Edge is a workgroup computer that
 * cannot reach the Central Management store, so the runbook exports the configuration to the folder standing for
 * external media, and Deployment Wizard step 1 on the Edge imports it from there (the lab's Edge refuses step 1
 * without a file); the Edge gets its internal certificate and its external one, naming the Access, Web Conferencing
 * and A/V Edge FQDNs the topology lists, both checked before the wizard runs.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=30"})
class EdgeServerRecoveryIT {

    static final String EDGE = "edge01a.lab.contoso.local";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;
    @Value("${lync.backup.root}")
    Path backupRoot;

    @Test
    void aLostEdgeServerIsRebuiltFromAConfigurationCarriedOnExternalMediaWithItsExternalCertificateChecked()
            throws Exception {
        LabRecoveries lab = new LabRecoveries(rest, runtime, history, farm);
        lab.backUp();
        lab.breakServer(EDGE);

        LabRecoveries.Recovery recovery = lab.recover(EDGE);

        assertThat(lab.report(recovery.id()).get("procedure").asText()).startsWith("R8");
        assertThat(recovery.tasks()).containsSubsequence("UserTask_PrepareCleanServer", "UserTask_RestoreCertificates",
                "UserTask_RunDeploymentWizard", "UserTask_ConfirmServicesAndSignIn");
        String exported = history.createHistoricVariableInstanceQuery().processInstanceId(recovery.id())
                .variableName(RecoveryVariables.EDGE_CONFIGURATION_PATH).singleResult().getValue().toString();
        assertThat(Path.of(exported)).as("exported outside the backup share, for external media").exists()
                .satisfies(p -> assertThat(p.toAbsolutePath().normalize()
                        .startsWith(backupRoot.toAbsolutePath().normalize())).isFalse());
        String names = history.createHistoricVariableInstanceQuery().processInstanceId(recovery.id())
                .variableName(RecoveryVariables.EXTERNAL_CERTIFICATE_NAMES).singleResult().getValue().toString();
        assertThat(names).contains("sip.lab.contoso.com", "webconf.lab.contoso.com", "av.lab.contoso.com");
        ServerState edge = farm.serverState(EDGE);
        assertThat(edge.localConfigurationStore()).isTrue();
        assertThat(edge.externalCertificate()).isNotNull();
        assertThat(edge.runningServices()).isNotEmpty();
        assertThat(Files.size(Path.of(exported))).isPositive();
    }
}
