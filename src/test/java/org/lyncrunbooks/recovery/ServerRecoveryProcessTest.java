package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.assessment;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.complete;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.runJobs;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

/**
 * The main recovery process and the R4 procedure with its shared sub-processes, with camunda-bpm-assert style
 * checks through the engine API: refusal at start, a bad set, the data-loss window, evidence sent back, a dirty
 * target with an override approved or denied, an escalation, the report.
 */
@Deployment(resources = {
        "processes/lync-server-recovery.bpmn", "processes/lync-recovery-rebuild-server.bpmn",
        "processes/lync-recovery-install-sql-server.bpmn", "processes/lync-recovery-restore-file-store.bpmn",
        "processes/lync-recovery-restore-databases.bpmn", "processes/lync-recovery-standard-edition.bpmn",
        "processes/lync-recovery-cms-host.bpmn", "processes/lync-recovery-back-end.bpmn",
        "processes/lync-recovery-member-server.bpmn", "processes/lync-recovery-file-store.bpmn",
        "processes/lync-recovery-monitoring-archiving.bpmn", "processes/lync-recovery-persistent-chat.bpmn",
        "forms/start-server-recovery.form", "forms/choose-backup-set.form", "forms/approve-data-loss-window.form",
        "forms/prepare-clean-server.form", "forms/restore-certificates.form", "forms/install-sql-server.form",
        "forms/decide-target-override.form", "forms/clean-target.form", "forms/download-topology.form",
        "forms/run-deployment-wizard.form", "forms/prepare-first-standard-edition-server.form",
        "forms/prepare-file-share.form", "forms/confirm-services-and-sign-in.form", "forms/review-recovery-report.form",
        "forms/review-escalation.form"})
class ServerRecoveryProcessTest {

    static final String CMS_BACK_END = "be01.lab.contoso.local";

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    final RecoveryService service = mock(RecoveryService.class);

    @BeforeEach
    void register() {
        RecoveryProcessTestSupport.registerDelegates(service, processEngine);
        when(service.assess(eq(CMS_BACK_END), any())).thenReturn(assessment(CMS_BACK_END));
        when(service.checkServerIdentity(anyString(), any())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkCertificate(anyString(), any(), any(), any(), any())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkSqlServer(anyString())).thenReturn(new RecoveryService.CheckResult(true, null));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void refusesAnUnknownServerAtTheStartAndLeavesNoInstance() {
        when(service.assess(eq("exchange01.lab.contoso.local"), isNull()))
                .thenThrow(new RecoveryRefusedException("'exchange01.lab.contoso.local' is not a server of the topology"));

        assertThatThrownBy(() -> start("exchange01.lab.contoso.local"))
                .hasMessageContaining("is not a server of the topology");
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
    }

    @Test
    void restoresTheCmsBackEndInMicrosoftsOrder() throws Exception {
        ProcessInstance pi = start(CMS_BACK_END);
        assertThat(pi.getBusinessKey()).isEqualTo(CMS_BACK_END);
        assertThat(variable(pi, RecoveryVariables.PROCEDURE_PROCESS_KEY)).isEqualTo(RecoveryProcess.CmsHost.KEY);
        assertThat(variable(pi, RecoveryVariables.SQL_INSTANCES)).isEqualTo("be01.lab.contoso.local\\rtc");
        runJobs(processEngine);

        approveDataLossWindow();
        rebuildServer();
        assertThat(groups(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER)).containsExactly(RecoveryProcess.GROUP_DBA);
        complete(processEngine, CMS_BACK_END, RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER, "dana",
                RecoveryVariables.SQL_VERSION_INSTALLED, "2012");
        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN, "oscar",
                RecoveryVariables.SERVICES_CONFIRMED, true, RecoveryVariables.SIGN_IN_CONFIRMED, true,
                RecoveryVariables.TEST_USER_SIP_URI, "sip:user0001@lab.contoso.local");

        InOrder order = inOrder(service);
        order.verify(service).verifySet(RecoveryProcessTestSupport.SET_ID);
        order.verify(service).checkServerIdentity(CMS_BACK_END, "10.13.0.7");
        order.verify(service).checkSqlServer(CMS_BACK_END);
        verify(service, never()).checkCertificate(anyString(), any(), any(), any(), any());
        String id = pi.getId();
        order.verify(service).installCentralManagementDatabase(id, CMS_BACK_END, false);
        order.verify(service).setConfigurationStoreLocation(id, CMS_BACK_END);
        order.verify(service).importConfiguration(id, RecoveryProcessTestSupport.SET_ID);
        order.verify(service).enableTopology(id);
        order.verify(service).installConfiguredDatabases(id, CMS_BACK_END);
        order.verify(service).restoreUserData(id, CMS_BACK_END, RecoveryProcessTestSupport.SET_ID, java.util.List.of());
        order.verify(service).restoreLisConfiguration(id, RecoveryProcessTestSupport.SET_ID);
        order.verify(service).restoreResponseGroup(id, CMS_BACK_END, RecoveryProcessTestSupport.SET_ID);
        verify(service, never()).restoreFileStore(anyString(), anyString(), anyString(), anyBoolean());
        verify(service, never()).restoreDatabases(anyString(), anyString(), anyString(), anyBoolean(), any(), any());

        org.camunda.bpm.engine.variable.value.FileValue file = processEngine.getRuntimeService()
                .getVariableTyped(pi.getId(), RecoveryVariables.RECOVERY_REPORT);
        assertThat(file.getMimeType()).isEqualTo("application/json");
        JsonNode report = RecoveryReports.JSON.readTree(file.getValue());
        assertThat((String) variable(pi, RecoveryVariables.RECOVERY_REPORT_SUMMARY)).contains("Achieved RPO", "Achieved RTO",
                "data-loss window: approved by mia");
        assertThat(report.get("failedServerFqdn").asText()).isEqualTo(CMS_BACK_END);
        assertThat(report.get("achievedRpo").asText()).startsWith("PT");
        assertThat(report.get("steps")).anySatisfy(step -> {
            assertThat(step.get("activityId").asText()).isEqualTo(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER);
            assertThat(step.get("who").asText()).isEqualTo("dana");
            assertThat(step.get("candidateGroups").asText()).isEqualTo("lync-dba");
            assertThat(step.get("claimedAt").isNull()).isFalse();
            assertThat(step.get("doneAt").isNull()).isFalse();
        });
        assertThat(report.get("steps")).anySatisfy(step ->
                assertThat(step.get("activityId").asText()).isEqualTo(RecoveryProcess.CmsHost.SERVICE_TASK_IMPORT_CONFIGURATION));
        assertThat(report.get("decisions")).anySatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("data-loss window");
            assertThat(d.get("who").asText()).isEqualTo("mia");
            assertThat(d.get("outcome").asText()).isEqualTo("approved");
        });
        assertThat((String) variable(pi, RecoveryVariables.RECOVERY_REPORT_URL)).isEqualTo("/api/manager/recoveries/" + pi.getId() + "/report");

        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_REVIEW_RECOVERY_REPORT, "oscar");
        HistoricProcessInstance done = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId()).singleResult();
        assertThat(done.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
    }

    @Test
    void neverRestoresFromASetWhoseChecksumsDoNotMatch() {
        doThrow(new BackupSetInvalidException("cms/CsConfiguration.zip: checksum mismatch")).when(service).verifySet(RecoveryProcessTestSupport.SET_ID);
        when(service.assess(CMS_BACK_END, "20261125T020000Z"))
                .thenThrow(new RecoveryRefusedException("backup set '20261125T020000Z' is not published"));
        ProcessInstance pi = start(CMS_BACK_END);
        runJobs(processEngine);

        assertThat(variable(pi, RecoveryVariables.SET_PROBLEM)).isEqualTo("cms/CsConfiguration.zip: checksum mismatch");
        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_CHOOSE_ANOTHER_BACKUP_SET, "oscar",
                RecoveryVariables.BACKUP_SET_ID, "20261125T020000Z");
        assertThat(variable(pi, RecoveryVariables.SET_PROBLEM)).isEqualTo("backup set '20261125T020000Z' is not published");

        RecoveryService.Assessment older = new RecoveryService.Assessment(assessment(CMS_BACK_END).plan(),
                "20261124T020000Z", RecoveryProcessTestSupport.SET_COMPLETED.minusSeconds(2 * 86400), "/srv/backups/20261124T020000Z");
        when(service.assess(CMS_BACK_END, "20261124T020000Z")).thenReturn(older);
        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_CHOOSE_ANOTHER_BACKUP_SET, "oscar",
                RecoveryVariables.BACKUP_SET_ID, "20261124T020000Z");

        task(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW);
        verify(service).verifySet("20261124T020000Z");
        verify(service, never()).installCentralManagementDatabase(anyString(), anyString(), anyBoolean());
        assertThat(variable(pi, RecoveryVariables.BACKUP_SET_ID)).isEqualTo("20261124T020000Z");
    }

    @Test
    void endsWithoutRestoringWhenTheManagerDoesNotApprove() {
        ProcessInstance pi = start(CMS_BACK_END);
        runJobs(processEngine);

        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW, "mia",
                RecoveryVariables.DATA_LOSS_APPROVED, false, RecoveryVariables.APPROVAL_NOTE, "try pool failover first");

        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
                .singleResult().getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_RECOVERY_NOT_APPROVED);
        verify(service, never()).checkServerIdentity(anyString(), any());
    }

    @Test
    void sendsEvidenceBackWithTheReasonUntilItHolds() {
        when(service.checkServerIdentity(CMS_BACK_END, "10.13.0.7"))
                .thenReturn(new RecoveryService.CheckResult(false, "DNS does not resolve be01.lab.contoso.local"))
                .thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkSqlServer(CMS_BACK_END))
                .thenReturn(new RecoveryService.CheckResult(false, "be01.lab.contoso.local\\rtc is SQL Server 9.0, not 2012 or 2008 R2"))
                .thenReturn(new RecoveryService.CheckResult(true, null));
        ProcessInstance pi = start(CMS_BACK_END);
        runJobs(processEngine);
        approveDataLossWindow();

        prepareCleanServer();
        assertThat(openTasks()).containsExactly(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER);
        assertThat(taskVariable(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER, RecoveryVariables.IDENTITY_CHECK_FAILURE))
                .isEqualTo("DNS does not resolve be01.lab.contoso.local");
        prepareCleanServer();
        complete(processEngine, CMS_BACK_END, RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER, "dana",
                RecoveryVariables.SQL_VERSION_INSTALLED, "2012");
        assertThat(taskVariable(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER, RecoveryVariables.SQL_CHECK_FAILURE))
                .contains("not 2012 or 2008 R2");
        complete(processEngine, CMS_BACK_END, RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER, "dana",
                RecoveryVariables.SQL_VERSION_INSTALLED, "2012");

        assertThat(openTasks()).containsExactly(RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN);
        verify(service).installCentralManagementDatabase(pi.getId(), CMS_BACK_END, false);
    }

    @Test
    void escalatesAWaitingStepToManagersWithoutStoppingIt() {
        start(CMS_BACK_END);
        runJobs(processEngine);
        approveDataLossWindow();
        assertThat(openTasks()).containsExactly(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER);

        Job timer = processEngine.getManagementService().createJobQuery().timers()
                .activityId(RecoveryProcess.RebuildServer.BOUNDARY_EVENT_PREPARE_CLEAN_SERVER_OVERDUE).singleResult();
        assertThat(timer.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 3 * 3600_000L));
        processEngine.getManagementService().executeJob(timer.getId());

        assertThat(openTasks()).containsExactlyInAnyOrder(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER,
                RecoveryProcess.USER_TASK_REVIEW_ESCALATION);
        assertThat(groups(RecoveryProcess.USER_TASK_REVIEW_ESCALATION)).containsExactly(RecoveryProcess.GROUP_MANAGERS);
        assertThat(taskVariable(RecoveryProcess.USER_TASK_REVIEW_ESCALATION, RecoveryVariables.ESCALATION_SUMMARY))
                .contains("'Prepare clean server' for lync-operators").contains("nobody has claimed it");
        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_REVIEW_ESCALATION, "mia", "escalationNote", "called the DC team");
        prepareCleanServer();
        assertThat(openTasks()).as("a Back End SQL server has no Lync certificate to restore")
                .containsExactly(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER);
    }

    @Test
    void twoPeopleCompletingTheSameTaskGetOneWinnerAndAClearConflict() {
        start(CMS_BACK_END);
        runJobs(processEngine);
        String taskId = task(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW).getId();

        processEngine.getTaskService().complete(taskId, Map.of(RecoveryVariables.DATA_LOSS_APPROVED, true));

        assertThatThrownBy(() -> processEngine.getTaskService().complete(taskId, Map.of(RecoveryVariables.DATA_LOSS_APPROVED, false)))
                .hasMessageContaining("Cannot find task with id " + taskId);
        assertThat(variable(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(CMS_BACK_END)
                .list().get(0), RecoveryVariables.DATA_LOSS_APPROVED)).isEqualTo(true);
    }

    private ProcessInstance start(String fqdn) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RecoveryVariables.FAILED_SERVER_FQDN, fqdn);
        variables.put(RecoveryVariables.INCIDENT_REFERENCE, "INC-4711");
        variables.put(RecoveryVariables.INCIDENT_TIME, "2026-11-26T08:30:00Z");
        return processEngine.getRuntimeService().startProcessInstanceByKey(RecoveryProcess.KEY, variables);
    }

    private void approveDataLossWindow() {
        assertThat(groups(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW)).containsExactly(RecoveryProcess.GROUP_MANAGERS);
        complete(processEngine, CMS_BACK_END, RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW, "mia",
                RecoveryVariables.DATA_LOSS_APPROVED, true, RecoveryVariables.APPROVAL_NOTE, "one night of changes is acceptable");
    }

    private void rebuildServer() {
        prepareCleanServer();
    }

    private void prepareCleanServer() {
        complete(processEngine, CMS_BACK_END, RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER, "oscar",
                RecoveryVariables.SAME_FQDN_CONFIRMED, true, RecoveryVariables.SERVER_IP_ADDRESS, "10.13.0.7");
    }


    private List<String> openTasks() {
        return RecoveryProcessTestSupport.openTasks(processEngine, CMS_BACK_END);
    }

    private List<String> groups(String taskDefinitionKey) {
        return processEngine.getTaskService().getIdentityLinksForTask(task(processEngine, CMS_BACK_END, taskDefinitionKey).getId())
                .stream().map(IdentityLink::getGroupId).filter(g -> g != null).toList();
    }

    private String taskVariable(String taskDefinitionKey, String name) {
        return (String) processEngine.getTaskService().getVariable(task(processEngine, CMS_BACK_END, taskDefinitionKey).getId(), name);
    }

    private Object variable(ProcessInstance pi, String name) {
        return processEngine.getRuntimeService().getVariable(pi.getId(), name);
    }
}
