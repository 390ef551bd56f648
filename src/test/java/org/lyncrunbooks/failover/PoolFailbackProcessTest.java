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

/** Every path of {@code lync-pool-failback} on a real engine, with the real delegates around a mocked service. */
@Deployment(resources = {"processes/lync-pool-failback.bpmn", "forms/start-pool-failback.form",
        "forms/resolve-blocked-failback-step.form", "forms/confirm-sign-in-on-home-pool.form",
        "forms/decide-central-management-store.form"})
class PoolFailbackProcessTest {

    static final String POOL = "pool01.lab.contoso.local";
    static final String BACKUP = "pool02.lab.contoso.local";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    final FailoverService service = mock(FailoverService.class);

    @BeforeEach
    void register() {
        Mocks.register("assessPoolFailbackDelegate", new AssessPoolFailbackDelegate(service));
        Mocks.register("synchronizeBackupServiceDelegate", new SynchronizeBackupServiceDelegate(service));
        Mocks.register("failBackPoolDelegate", new FailBackPoolDelegate(service));
        Mocks.register("resyncConferenceContentDelegate", new ResyncConferenceContentDelegate(service));
        Mocks.register("locateStoreForFailbackDelegate", new LocateStoreForFailbackDelegate(service));
        Mocks.register("failBackCentralManagementStoreDelegate", new FailBackCentralManagementStoreDelegate(service));
        when(service.startFailback(any())).thenReturn(new FailoverService.Assessment(POOL, BACKUP, "Site1", List.of()));
        when(service.now()).thenReturn(java.time.Instant.parse("2026-12-07T12:00:00Z"));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void refusesAPoolWithoutABackupPoolAtTheStartAndLeavesNoInstance() {
        when(service.startFailback(any())).thenThrow(new FailoverRefusedException(Status.UNPROCESSABLE,
                "pool se01.lab.contoso.local has no backup pool in the topology"));

        assertThatThrownBy(() -> start("se01.lab.contoso.local")).hasMessageContaining("has no backup pool");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    }

    @Test
    void failsBackOnlyAfterSteadyStateThenCopiesConferenceContentBack() {
        start(POOL);
        complete(FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL, "lab-operator",
                FailoverVariables.TEST_USER_SIP_URI, "sip:user@lab.contoso.com", FailoverVariables.SIGN_IN_CONFIRMED, true);

        InOrder order = inOrder(service);
        order.verify(service).synchronizeBackupService(POOL, BACKUP);
        order.verify(service).failBackPool(POOL);
        order.verify(service).resyncConferenceContent(POOL);
        assertThat(ended()).contains(FailbackProcess.END_EVENT_POOL_FAILED_BACK);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().singleResult().getBusinessKey())
                .isEqualTo(POOL);
    }

    @Test
    void aBackupServiceThatIsNotSteadyStopsTheFailbackUntilTheOperatorRetries() {
        when(service.synchronizeBackupService(POOL, BACKUP))
                .thenThrow(new FailoverStepBlockedException("the Backup Service between pool01 and pool02 is not steady"))
                .thenReturn("export FinalState, import SteadyState");
        start(POOL);

        Task resolve = task(FailbackProcess.USER_TASK_RESOLVE_BLOCKED_STEP);
        assertThat((String) processEngine.getTaskService().getVariable(resolve.getId(), FailoverVariables.BLOCK_REASON))
                .contains("is not steady");
        verify(service, never()).failBackPool(anyString());
        complete(FailbackProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_RETRY);

        verify(service, times(2)).synchronizeBackupService(POOL, BACKUP);
        verify(service).failBackPool(POOL);
        assertThat(task(FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL)).isNotNull();
    }

    @Test
    void whenTheFailoverMovedTheCentralManagementStoreTheOperatorIsAskedWithNothingChosenAndLeavingItChangesNothing() {
        when(service.centralManagementStoreAwayFromHome(POOL, BACKUP)).thenReturn(true);
        start(POOL);

        Task decide = task(FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE);
        assertThat(processEngine.getTaskService().getVariables(decide.getId())).doesNotContainKey(FailoverVariables.CMS_CHOICE);
        verify(service).resyncConferenceContent(POOL);
        complete(FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE, "lab-operator",
                FailoverVariables.CMS_CHOICE, FailoverVariables.CMS_CHOICE_LEAVE);

        verify(service, never()).failBackCentralManagementStore(anyString(), anyString());
        assertThat(task(FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL)).isNotNull();
    }

    @Test
    void theOperatorMayFailTheCentralManagementStoreBackBeforeSignInIsConfirmed() {
        when(service.centralManagementStoreAwayFromHome(POOL, BACKUP)).thenReturn(true);
        start(POOL);
        complete(FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE, "lab-operator",
                FailoverVariables.CMS_CHOICE, FailoverVariables.CMS_CHOICE_FAIL_BACK);

        InOrder order = inOrder(service);
        order.verify(service).failBackPool(POOL);
        order.verify(service).failBackCentralManagementStore(POOL, BACKUP);
        assertThat(task(FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL)).isNotNull();
        assertThat(processEngine.getRuntimeService().getVariable(processEngine.getRuntimeService()
                .createProcessInstanceQuery().singleResult().getId(), FailoverVariables.CMS_FAILED_BACK_AT)).isNotNull();
    }

    @Test
    void aStoreThatStayedHomeIsNotAskedAbout() {
        start(POOL);

        assertThat(processEngine.getTaskService().createTaskQuery()
                .taskDefinitionKey(FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE).count()).isZero();
        assertThat(task(FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL)).isNotNull();
    }

    @Test
    void anOperatorMayStopABlockedFailback() {
        when(service.failBackPool(POOL)).thenThrow(new FailoverStepBlockedException("Pool is not failed over"));
        start(POOL);
        complete(FailbackProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_STOP,
                FailoverVariables.STOP_REASON, "the users were never failed over");

        verify(service, never()).resyncConferenceContent(anyString());
        assertThat(ended()).contains(FailbackProcess.END_EVENT_FAILBACK_STOPPED);
    }

    private void start(String pool) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FailoverVariables.POOL_FQDN, pool);
        processEngine.getRuntimeService().startProcessInstanceByKey(FailbackProcess.KEY, variables);
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
