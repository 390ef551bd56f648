package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.assessment;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.complete;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.runJobs;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;

/**
 * {@code lync-recovery-pool} (R9) through the engine: a refusal at the start leaves nothing; the set is approved once,
 * then the Back End's server recovery runs alone — without asking for the approval again — and the Front Ends' only once
 * it ended; a server recovery started by a person cannot claim the pool's approval.
 */
@Deployment(resources = {
        "processes/lync-recovery-pool.bpmn",
        "processes/lync-server-recovery.bpmn", "processes/lync-recovery-rebuild-server.bpmn",
        "processes/lync-recovery-install-sql-server.bpmn", "processes/lync-recovery-restore-file-store.bpmn",
        "processes/lync-recovery-restore-databases.bpmn", "processes/lync-recovery-standard-edition.bpmn",
        "processes/lync-recovery-cms-host.bpmn", "processes/lync-recovery-back-end.bpmn",
        "processes/lync-recovery-member-server.bpmn", "processes/lync-recovery-file-store.bpmn",
        "processes/lync-recovery-monitoring-archiving.bpmn", "processes/lync-recovery-persistent-chat.bpmn",
        "forms/start-pool-recovery.form", "forms/approve-pool-data-loss-window.form",
        "forms/start-server-recovery.form", "forms/choose-backup-set.form", "forms/approve-data-loss-window.form",
        "forms/prepare-clean-server.form", "forms/restore-certificates.form", "forms/install-sql-server.form",
        "forms/decide-target-override.form", "forms/clean-target.form", "forms/download-topology.form",
        "forms/run-deployment-wizard.form", "forms/prepare-first-standard-edition-server.form",
        "forms/prepare-file-share.form", "forms/confirm-services-and-sign-in.form", "forms/review-recovery-report.form",
        "forms/review-escalation.form"})
class PoolRecoveryProcessTest {

    static final String POOL = "pool01.lab.contoso.local";
    static final String BE = "be01.lab.contoso.local";
    static final String FE1 = "fe01.lab.contoso.local";
    static final String FE2 = "fe02.lab.contoso.local";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    final RecoveryService service = mock(RecoveryService.class);
    final PoolRecoveries pools = mock(PoolRecoveries.class);

    @BeforeEach
    void register() {
        RecoveryProcessTestSupport.registerDelegates(service, processEngine);
        Mocks.register("assessLostPoolDelegate", new AssessLostPoolDelegate(pools, new RecoveryProperties(Duration.ofHours(4))));
        Mocks.register("startFrontEndServicesDelegate", new StartFrontEndServicesDelegate(pools));
        Mocks.register("restorePoolResponseGroupDelegate", new RestorePoolResponseGroupDelegate(pools));
        for (String server : List.of(BE, FE1, FE2)) {
            when(service.assess(eq(server), any())).thenReturn(assessment(server));
        }
        when(pools.start(any())).thenReturn(new PoolRecoveries.PoolPlan(POOL, List.of(BE, FE1, FE2), List.of(BE),
                List.of(FE1, FE2), assessment(BE)));
        when(service.checkServerIdentity(anyString(), any())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkCertificate(anyString(), any(), any(), any(), any())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkSqlServer(anyString())).thenReturn(new RecoveryService.CheckResult(true, null));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aRefusedStartLeavesNoPoolRecoveryBehind() {
        when(pools.start(any())).thenThrow(new RecoveryRefusedException(Status.NOT_FOUND,
                "'pool99.lab.contoso.local' is not a pool of the topology"));

        assertThatThrownBy(() -> start("pool99.lab.contoso.local")).hasMessageContaining("is not a pool of the topology");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    }

    @Test
    void theBackEndIsRecoveredFirstWithoutAskingForTheApprovalAgainAndTheFrontEndsOnlyOnceItEnded() {
        ProcessInstance pool = start(POOL);
        assertThat(pool.getBusinessKey()).isEqualTo(POOL);
        runJobs(processEngine);
        complete(processEngine, POOL, RecoveryProcess.Pool.USER_TASK_APPROVE_DATA_LOSS_WINDOW, "mia",
                RecoveryVariables.DATA_LOSS_APPROVED, true);

        assertThat(serverRecoveries(pool)).extracting(HistoricProcessInstance::getBusinessKey).containsExactly(BE);
        assertThat(RecoveryProcessTestSupport.openTasks(processEngine, BE))
                .as("the Back End's recovery went past its approval to its first step")
                .doesNotContain(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW)
                .contains(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER);
        assertThat(RecoveryProcessTestSupport.openTasks(processEngine, FE1)).isEmpty();

        // the Back End's recovery worked to its end
        complete(processEngine, BE, RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER, "oscar",
                RecoveryVariables.SAME_FQDN_CONFIRMED, true);
        complete(processEngine, BE, RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER, "dana",
                RecoveryVariables.SQL_VERSION_INSTALLED, "2012");
        complete(processEngine, BE, RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN, "oscar",
                RecoveryVariables.SERVICES_CONFIRMED, true, RecoveryVariables.SIGN_IN_CONFIRMED, true,
                RecoveryVariables.TEST_USER_SIP_URI, "sip:user0001@lab.contoso.local");
        verify(service).restoreUserData(anyString(), eq(BE), anyString(), eq(List.of(BE, FE1, FE2)));
        complete(processEngine, BE, RecoveryProcess.USER_TASK_REVIEW_RECOVERY_REPORT, "oscar");

        assertThat(serverRecoveries(pool)).extracting(HistoricProcessInstance::getBusinessKey)
                .containsExactlyInAnyOrder(BE, FE1, FE2);
        for (String fe : List.of(FE1, FE2)) {
            assertThat(RecoveryProcessTestSupport.openTasks(processEngine, fe))
                    .containsExactly(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER);
        }
        verify(pools, never()).startFrontEnds(anyString(), anyString());
    }

    @Test
    void aPoolRecoveryThatIsNotApprovedStartsNoServerRecovery() {
        ProcessInstance pool = start(POOL);
        runJobs(processEngine);
        complete(processEngine, POOL, RecoveryProcess.Pool.USER_TASK_APPROVE_DATA_LOSS_WINDOW, "mia",
                RecoveryVariables.DATA_LOSS_APPROVED, false, RecoveryVariables.NOT_APPROVED_REASON, "fail over instead");

        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pool.getId())
                .singleResult().getEndActivityId()).isEqualTo(RecoveryProcess.Pool.END_EVENT_RECOVERY_NOT_APPROVED);
        assertThat(serverRecoveries(pool)).isEmpty();
    }

    @Test
    void aServerRecoveryStartedByAPersonCannotClaimAPoolsApproval() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RecoveryVariables.FAILED_SERVER_FQDN, FE1);
        variables.put(RecoveryVariables.POOL_APPROVED_SET_ID, RecoveryProcessTestSupport.SET_ID);
        processEngine.getRuntimeService().startProcessInstanceByKey(RecoveryProcess.KEY, variables);
        runJobs(processEngine);

        assertThat(RecoveryProcessTestSupport.openTasks(processEngine, FE1))
                .containsExactly(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW);
    }

    private List<HistoricProcessInstance> serverRecoveries(ProcessInstance pool) {
        return processEngine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(pool.getId())
                .orderByProcessInstanceStartTime().asc().list();
    }

    private ProcessInstance start(String poolFqdn) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RecoveryVariables.POOL_FQDN, poolFqdn);
        variables.put(RecoveryVariables.INCIDENT_REFERENCE, "INC-4712");
        return processEngine.getRuntimeService().startProcessInstanceByKey(RecoveryProcess.Pool.KEY, variables);
    }
}
