package org.lyncrunbooks.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
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
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
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

/** Every path of {@code lync-recovery-mirror} on a real engine, with the real delegates around a mocked service. */
@Deployment(resources = {"processes/lync-recovery-mirror.bpmn", "forms/start-mirror-recovery.form",
        "forms/rebuild-lost-sql-server.form", "forms/resolve-blocked-mirror-step.form"})
class MirrorRecoveryProcessTest {

    static final String POOL = "pool01.lab.contoso.local";
    static final String BE01 = "be01.lab.contoso.local";
    static final String BE01M = "be01m.lab.contoso.local";
    static final List<String> TYPES = List.of("User", "CentralMgmt", "Application");

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    final MirrorRecoveryService service = mock(MirrorRecoveryService.class);

    @BeforeEach
    void register() {
        Mocks.register("assessMirroredBackEndDelegate", new AssessMirroredBackEndDelegate(service));
        Mocks.register("readMirrorStateDelegate", new ReadMirrorStateDelegate(service));
        Mocks.register("failOverDatabasesDelegate", new FailOverDatabasesDelegate(service));
        Mocks.register("checkSurvivingPrincipalDelegate", new CheckSurvivingPrincipalDelegate(service));
        Mocks.register("uninstallMirrorDelegate", new UninstallMirrorDelegate(service));
        Mocks.register("checkRebuiltSqlServerDelegate", new CheckRebuiltSqlServerDelegate(service));
        Mocks.register("installMirrorDelegate", new InstallMirrorDelegate(service));
        Mocks.register("checkMirrorSynchronizedDelegate", new CheckMirrorSynchronizedDelegate(service));
        when(service.start(POOL, BE01)).thenReturn(new MirrorRecoveryService.Assessment(POOL, BE01 + "\\rtc", BE01,
                "Primary", "Mirror", BE01M, "rtc", "sqlw01.lab.contoso.local\\rtc", TYPES));
        when(service.now()).thenReturn(Instant.parse("2026-12-07T10:00:00Z"));
        when(service.checkInterval()).thenReturn("PT30S");
        when(service.rebuiltSqlServerRefusal(BE01 + "\\rtc", BE01, "rtc")).thenReturn(Optional.empty());
        when(service.mirrorSynchronized(POOL, TYPES, 0)).thenReturn(true);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    private void failoverNeeded(boolean needed) {
        when(service.readState(POOL, TYPES, "Mirror", "Primary")).thenReturn(new MirrorRecoveryService.MirrorState(
                needed, !needed, "User: principal on " + (needed ? "no side that answers" : "Mirror")));
    }

    @Test
    void aStartForAPoolWithoutAMirroredBackEndIsRefusedAndLeavesNoInstance() {
        when(service.start(POOL, BE01)).thenThrow(new FailoverRefusedException(Status.UNPROCESSABLE,
                "the Back End of pool01.lab.contoso.local (be01.lab.contoso.local\\rtc) has no SQL Server mirror"));

        assertThatThrownBy(this::start).hasMessageContaining("has no SQL Server mirror");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    }

    @Test
    void whenTheWitnessAlreadyFailedOverNothingIsFailedOverAndTheMirrorIsRebuiltAndReestablished() {
        failoverNeeded(false);
        start();

        Task rebuild = task(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER);
        Map<String, Object> variables = processEngine.getTaskService().getVariables(rebuild.getId());
        assertThat(variables).doesNotContainKeys(MirrorVariables.SQL_SERVER_REBUILT)
                .containsEntry(MirrorVariables.FAILED_OVER_BY_WITNESS, true)
                .containsEntry(MirrorVariables.SURVIVING_SQL_SERVER_FQDN, BE01M);
        assertThat(rebuild.getName()).startsWith("Rebuild lost SQL Server");
        complete(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER, "lab-operator",
                MirrorVariables.SQL_SERVER_REBUILT, true);

        verify(service, never()).failOverDatabases(anyString(), org.mockito.ArgumentMatchers.anyList(), anyString());
        InOrder order = inOrder(service);
        order.verify(service).readState(POOL, TYPES, "Mirror", "Primary");
        order.verify(service).checkSurvivingPrincipal(POOL, TYPES, "Mirror");
        order.verify(service).uninstallMirror(POOL, TYPES, BE01M, "rtc");
        order.verify(service).rebuiltSqlServerRefusal(BE01 + "\\rtc", BE01, "rtc");
        order.verify(service).installMirror(BE01M);
        order.verify(service).mirrorSynchronized(POOL, TYPES, 0);
        assertThat(ended()).containsExactly(MirrorRecoveryProcess.END_EVENT_MIRROR_REESTABLISHED);
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .variableName(MirrorVariables.MIRROR_REESTABLISHED_AT).singleResult().getValue()).isNotNull();
    }

    @Test
    void withoutAWitnessTheDatabasesAreFailedOverToTheSurvivingSideBeforeTheMirroringIsRemoved() {
        failoverNeeded(true);
        start();

        InOrder order = inOrder(service);
        order.verify(service).readState(POOL, TYPES, "Mirror", "Primary");
        order.verify(service).failOverDatabases(POOL, TYPES, "Mirror");
        order.verify(service).checkSurvivingPrincipal(POOL, TYPES, "Mirror");
        order.verify(service).uninstallMirror(POOL, TYPES, BE01M, "rtc");
        task(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER);
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().singleResult().getBusinessKey())
                .isEqualTo(POOL);
    }

    @Test
    void aRefusedFailoverStopsForTheOperatorWithTheReasonAndRetryRunsTheSameStepAgain() {
        failoverNeeded(true);
        when(service.failOverDatabases(POOL, TYPES, "Mirror"))
                .thenThrow(new FailoverStepBlockedException("could not fail the User databases over: be01m does not answer"))
                .thenReturn(List.of("User"));
        start();

        Task resolve = task(MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP);
        Map<String, Object> variables = processEngine.getTaskService().getVariables(resolve.getId());
        assertThat(variables).containsEntry(FailoverVariables.BLOCKED_STEP, MirrorRecoveryProcess.SERVICE_TASK_FAIL_OVER_DATABASES)
                .containsEntry(FailoverVariables.BLOCK_REASON, "could not fail the User databases over: be01m does not answer")
                .doesNotContainKey(FailoverVariables.BLOCK_RESOLUTION);
        verify(service, never()).uninstallMirror(anyString(), org.mockito.ArgumentMatchers.anyList(), anyString(), anyString());

        complete(MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_RETRY);

        verify(service, times(2)).failOverDatabases(POOL, TYPES, "Mirror");
        verify(service).uninstallMirror(POOL, TYPES, BE01M, "rtc");
        task(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER);
    }

    @Test
    void theOperatorStopsABlockedRunbookWithAReason() {
        failoverNeeded(false);
        org.mockito.Mockito.doThrow(new FailoverStepBlockedException("could not remove the mirroring"))
                .when(service).uninstallMirror(POOL, TYPES, BE01M, "rtc");
        start();

        complete(MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_STOP,
                FailoverVariables.STOP_REASON, "the surviving side is being replaced too");

        assertThat(ended()).containsExactly(MirrorRecoveryProcess.END_EVENT_MIRROR_RECOVERY_STOPPED);
        verify(service, never()).installMirror(anyString());
    }

    @Test
    void aRebuiltServerThatIsNotCleanIsRefusedAndTheDbaRebuildsItAgainBeforeTheMirrorIsInstalled() {
        failoverNeeded(false);
        when(service.rebuiltSqlServerRefusal(BE01 + "\\rtc", BE01, "rtc"))
                .thenReturn(Optional.of("be01.lab.contoso.local\\rtc is not clean: it holds rtcxds"))
                .thenReturn(Optional.empty());
        start();
        complete(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER, "lab-operator",
                MirrorVariables.SQL_SERVER_REBUILT, true);

        Task again = task(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER);
        Map<String, Object> variables = processEngine.getTaskService().getVariables(again.getId());
        assertThat(variables).containsEntry(MirrorVariables.REBUILD_REFUSAL, "be01.lab.contoso.local\\rtc is not clean: it holds rtcxds")
                .doesNotContainKey(MirrorVariables.SQL_SERVER_REBUILT);
        verify(service, never()).installMirror(anyString());

        complete(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER, "lab-operator",
                MirrorVariables.SQL_SERVER_REBUILT, true);

        verify(service).installMirror(BE01M);
        assertThat(ended()).containsExactly(MirrorRecoveryProcess.END_EVENT_MIRROR_REESTABLISHED);
    }

    @Test
    void aMirrorNotSynchronizedYetIsReadAgainAfterTheWaitAndABoundedWaitEndsWithTheOperator() {
        failoverNeeded(false);
        when(service.mirrorSynchronized(POOL, TYPES, 0)).thenReturn(false);
        when(service.mirrorSynchronized(POOL, TYPES, 1)).thenThrow(new FailoverStepBlockedException(
                "the mirror is not synchronized after 2 reads of Get-CsDatabaseMirrorState: User (disconnected)"));
        when(service.mirrorSynchronized(POOL, TYPES, 0)).thenReturn(false).thenReturn(true);
        start();
        complete(MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER, "lab-operator",
                MirrorVariables.SQL_SERVER_REBUILT, true);

        Job timer = processEngine.getManagementService().createJobQuery().timers().singleResult();
        assertThat(timer).isNotNull();
        processEngine.getManagementService().executeJob(timer.getId());
        runJobs();

        Task resolve = task(MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP);
        assertThat(processEngine.getTaskService().getVariable(resolve.getId(), FailoverVariables.BLOCK_REASON))
                .asString().startsWith("the mirror is not synchronized after 2 reads");
        complete(MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator",
                FailoverVariables.BLOCK_RESOLUTION, FailoverVariables.RESOLUTION_RETRY);

        verify(service, times(3)).mirrorSynchronized(anyString(), org.mockito.ArgumentMatchers.anyList(), anyInt());
        assertThat(ended()).containsExactly(MirrorRecoveryProcess.END_EVENT_MIRROR_REESTABLISHED);
    }

    private void start() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(MirrorVariables.POOL_FQDN, POOL);
        variables.put(MirrorVariables.LOST_SQL_SERVER_FQDN, BE01);
        variables.put(MirrorVariables.INCIDENT_REFERENCE, "INC-7");
        processEngine.getRuntimeService().startProcessInstanceByKey(MirrorRecoveryProcess.KEY, variables);
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
