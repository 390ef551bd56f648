package org.lyncrunbooks.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;

/** Every path of {@code lync-pool-failover} on a real engine, with the real delegates around a mocked service. */
@Deployment(resources = {"processes/lync-pool-failover.bpmn", "forms/start-pool-failover.form",
        "forms/decide-failover-or-rebuild.form", "forms/resolve-blocked-failover-step.form",
        "forms/confirm-sign-in-on-backup-pool.form"})
class PoolFailoverProcessTest {

    static final String POOL = "pool01.lab.contoso.local";
    static final String BACKUP = "pool02.lab.contoso.local";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    final FailoverService service = mock(FailoverService.class);

    @BeforeEach
    void register() {
        Mocks.register("assessPoolFailoverDelegate", new AssessPoolFailoverDelegate(service));
        Mocks.register("assessFailoverSituationDelegate", new AssessFailoverSituationDelegate(service));
        Mocks.register("locateCentralManagementStoreDelegate", new LocateCentralManagementStoreDelegate(service));
        Mocks.register("failOverCentralManagementStoreDelegate", new FailOverCentralManagementStoreDelegate(service));
        Mocks.register("checkCentralManagementStoreDelegate", new CheckCentralManagementStoreDelegate(service));
        Mocks.register("repointEdgeServersDelegate", new RepointEdgeServersDelegate(service));
        Mocks.register("failOverPoolDelegate", new FailOverPoolDelegate(service));
        Mocks.register("restoreLisIntoBackupPoolDelegate", new RestoreLisIntoBackupPoolDelegate(service));
        when(service.start(any())).thenReturn(new FailoverService.Assessment(POOL, BACKUP, "Site1",
                List.of("edge01.lab.contoso.local")));
        when(service.now()).thenReturn(Instant.parse("2026-12-07T10:00:00Z"));
        when(service.situation(POOL, BACKUP)).thenReturn(new FailoverService.Situation(
                Instant.parse("2026-12-07T09:58:00Z"), "NotSteady", "20261207T020000Z", Instant.parse("2026-12-07T02:09:00Z")));
        when(service.locateCentralManagementStore(POOL)).thenReturn(new FailoverService.CmsLocation(POOL, "", true));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void refusesAPoolWithoutABackupPoolAtTheStartAndLeavesNoInstance() {
        when(service.start(any())).thenThrow(new FailoverRefusedException(Status.UNPROCESSABLE,
                "pool se01.lab.contoso.local has no backup pool in the topology"));

        assertThatThrownBy(() -> start("se01.lab.contoso.local")).hasMessageContaining("has no backup pool");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    }

    @Test
    void theManagerSeesBothDataLossWindowsWithNothingChosen() {
        start(POOL);

        Task decide = task(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD);
        Map<String, Object> variables = processEngine.getTaskService().getVariables(decide.getId());
        assertThat(variables).doesNotContainKeys(FailoverVariables.RECOVERY_CHOICE, FailoverVariables.CHOICE_REASON);
        assertThat((String) variables.get(FailoverVariables.FAILOVER_DATA_LOSS))
                .startsWith("data changed after 2026-12-07T09:58:00Z (2 min before this assessment)");
        assertThat((String) variables.get(FailoverVariables.REBUILD_DATA_LOSS))
                .startsWith("data changed after 2026-12-07T02:09:00Z (7 h 51 min before this assessment)");
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().singleResult().getBusinessKey())
                .isEqualTo(POOL);
    }

    @Test
    void failsOverInMicrosoftsOrderWithTheCentralManagementStoreFirstWhenItWasInTheFailedPool() {
        start(POOL);
        complete(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, "lab-manager",
                FailoverVariables.RECOVERY_CHOICE, FailoverVariables.CHOICE_FAILOVER);
        complete(FailoverProcess.USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL, "lab-operator",
                FailoverVariables.TEST_USER_SIP_URI, "sip:user@lab.contoso.com", FailoverVariables.SIGN_IN_CONFIRMED, true);

        InOrder order = inOrder(service);
        order.verify(service).situation(POOL, BACKUP);
        order.verify(service).locateCentralManagementStore(POOL);
        order.verify(service).failOverCentralManagementStore(POOL);
        order.verify(service).checkCentralManagementStore(POOL, POOL);
        order.verify(service).repointEdgeServers(POOL, BACKUP);
        order.verify(service).failOverPool(POOL);
        order.verify(service).restoreLisIntoBackupPool("20261207T020000Z");
        assertThat(ended()).contains(FailoverProcess.END_EVENT_POOL_FAILED_OVER);
    }

    @Test
    void leavesTheCentralManagementStoreWhereItIsWhenItWasElsewhereAndAnswers() {
        when(service.locateCentralManagementStore(POOL)).thenReturn(
                new FailoverService.CmsLocation("pool03.lab.contoso.local", "pool03.lab.contoso.local", false));
        start(POOL);
        complete(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, "lab-manager",
                FailoverVariables.RECOVERY_CHOICE, FailoverVariables.CHOICE_FAILOVER);

        verify(service, never()).failOverCentralManagementStore(anyString());
        verify(service, never()).checkCentralManagementStore(anyString(), anyString());
        verify(service).failOverPool(POOL);
        assertThat(task(FailoverProcess.USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL)).isNotNull();
    }

    @Test
    void choosingTheRebuildEndsTheRunbookWithoutTouchingTheFarm() {
        start(POOL);
        complete(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, "lab-manager",
                FailoverVariables.RECOVERY_CHOICE, FailoverVariables.CHOICE_REBUILD,
                FailoverVariables.CHOICE_REASON, "the backup pool cannot carry both pools' users");

        verify(service, never()).locateCentralManagementStore(anyString());
        verify(service, never()).failOverPool(anyString());
        assertThat(ended()).contains(FailoverProcess.END_EVENT_REBUILD_CHOSEN);
    }

    @Test
    void aRefusedStepStopsWithMicrosoftsReasonAndNothingAfterItRunsUntilTheOperatorRetries() {
        when(service.failOverPool(POOL))
                .thenThrow(new FailoverStepBlockedException("Invoke-CsPoolFailOver failed (exit 1): This Front-end pool "
                        + "\"pool01.lab.contoso.local\" is specified in topology as the next hop for the Edge server."))
                .thenReturn("Failed over 20 users");
        start(POOL);
        complete(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, "lab-manager",
                FailoverVariables.RECOVERY_CHOICE, FailoverVariables.CHOICE_FAILOVER);

        Task resolve = task(FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP);
        assertThat(processEngine.getTaskService().getVariable(resolve.getId(), FailoverVariables.BLOCKED_STEP))
                .isEqualTo(FailoverProcess.SERVICE_TASK_FAIL_OVER_POOL);
        assertThat((String) processEngine.getTaskService().getVariable(resolve.getId(), FailoverVariables.BLOCK_REASON))
                .contains("is specified in topology as the next hop for the Edge server");
        assertThat(processEngine.getTaskService().getVariables(resolve.getId()))
                .doesNotContainKeys(FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.STOP_REASON);
        verify(service, never()).restoreLisIntoBackupPool(any());

        complete(FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_RETRY);

        verify(service, times(2)).failOverPool(POOL);
        verify(service, times(1)).repointEdgeServers(POOL, BACKUP);
        verify(service).restoreLisIntoBackupPool("20261207T020000Z");
        assertThat(task(FailoverProcess.USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL)).isNotNull();
    }

    @Test
    void anOperatorMayStopABlockedFailover() {
        when(service.checkCentralManagementStore(POOL, POOL)).thenThrow(new FailoverStepBlockedException(
                "the Central Management store's replicas are not all up to date"));
        start(POOL);
        complete(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, "lab-manager",
                FailoverVariables.RECOVERY_CHOICE, FailoverVariables.CHOICE_FAILOVER);
        complete(FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_STOP,
                FailoverVariables.STOP_REASON, "the backup site lost power too");

        verify(service, never()).repointEdgeServers(anyString(), anyString());
        verify(service, never()).failOverPool(anyString());
        assertThat(ended()).contains(FailoverProcess.END_EVENT_FAILOVER_STOPPED);
    }

    @Test
    void theInputRulesRefuseACompletionWithoutADecisionAndARebuildWithoutAReason() {
        FailoverInputs inputs = new FailoverInputs();
        assertThatThrownBy(() -> inputs.check(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, name -> null))
                .hasMessageContaining("no decision was made");
        assertThatThrownBy(() -> inputs.check(FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD,
                Map.<String, Object>of(FailoverVariables.RECOVERY_CHOICE, "rebuild")::get))
                .hasMessageContaining("say why");
        assertThatThrownBy(() -> inputs.check(FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP,
                Map.<String, Object>of(FailoverVariables.BLOCK_RESOLUTION, "stop")::get))
                .hasMessageContaining("say why");
        assertThatThrownBy(() -> FailoverInputs.start(name -> null)).hasMessageContaining("failedPoolFqdn is required");
    }

    private void start(String pool) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FailoverVariables.FAILED_POOL_FQDN, pool);
        processEngine.getRuntimeService().startProcessInstanceByKey(FailoverProcess.KEY, variables);
        runJobs();
    }

    private void runJobs() {
        FailoverProcessTestSupport.runJobs(processEngine);
    }

    private Task task(String key) {
        return FailoverProcessTestSupport.task(processEngine, key);
    }

    private void complete(String key, String user, Object... keyValues) {
        FailoverProcessTestSupport.complete(processEngine, key, user, keyValues);
    }

    private List<String> ended() {
        return FailoverProcessTestSupport.ended(processEngine);
    }
}
