package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.SET_ID;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.assessment;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.complete;
import static org.lyncrunbooks.recovery.RecoveryProcessTestSupport.runJobs;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.RecoveryProcedure;
import org.mockito.InOrder;

/**
 * One path per procedure (R3, R4 on Standard Edition, R5, R8 for a Front End and an Edge server, R10, R11, R12 by
 * export and by SQL), plus the clean-target paths: override approved, override denied. People's tasks are answered
 * as a person would; the test records which tasks came, in which order, and what the engine did.
 */
@Deployment(resources = {
        "processes/lync-server-recovery.bpmn", "processes/lync-recovery-rebuild-server.bpmn",
        "processes/lync-recovery-install-sql-server.bpmn", "processes/lync-recovery-restore-file-store.bpmn",
        "processes/lync-recovery-restore-databases.bpmn", "processes/lync-recovery-standard-edition.bpmn",
        "processes/lync-recovery-cms-host.bpmn", "processes/lync-recovery-back-end.bpmn",
        "processes/lync-recovery-member-server.bpmn", "processes/lync-recovery-file-store.bpmn",
        "processes/lync-recovery-monitoring-archiving.bpmn", "processes/lync-recovery-persistent-chat.bpmn"})
class RecoveryProceduresProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(0.9).build();

    ProcessEngine processEngine;
    final RecoveryService service = mock(RecoveryService.class);
    final List<String> tasksSeen = new ArrayList<>();
    boolean approveOverride = true;
    String sqlInstanceWayBack = RecoveryInputs.REBUILD_SERVER;

    @BeforeEach
    void register() {
        RecoveryProcessTestSupport.registerDelegates(service, processEngine);
        when(service.checkServerIdentity(anyString(), any())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkCertificate(anyString(), any(), any(), any(), any())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.checkSqlServer(anyString())).thenReturn(new RecoveryService.CheckResult(true, null));
        when(service.exportConfigurationForEdge(anyString(), anyString())).thenReturn("\\\\backupsrv\\lyncbackup\\.recoveries\\x\\edge\\CsConfiguration.zip");
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void r3StandardEditionServer() {
        String id = recover("se01.lab.contoso.local", assessment("se01.lab.contoso.local"));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer",
                "UserTask_RestoreCertificates", "UserTask_DownloadTopology", "UserTask_RunDeploymentWizard",
                "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        InOrder order = inOrder(service);
        order.verify(service).restoreFileStore(id, "se01.lab.contoso.local", SET_ID, false);
        order.verify(service).restoreUserData(id, "se01.lab.contoso.local", SET_ID, java.util.List.of());
        verify(service, never()).restoreResponseGroup(anyString(), anyString(), anyString());
        verify(service, never()).installCentralManagementDatabase(anyString(), anyString(), anyBoolean());
    }

    @Test
    void r4OnAStandardEditionServerCopiesTheFileStoreFirstAndRunsTheWizardTwice() {
        RecoveryPlan se = assessment("se01.lab.contoso.local").plan();
        RecoveryPlan cmsOnSe = new RecoveryPlan(se.failedServerFqdn(), RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST,
                se.pool(), se.sqlStores(), se.fileStore(), se.role() + ", hosting the Central Management store");
        String id = recover("se01.lab.contoso.local", withPlan(cmsOnSe));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer",
                "UserTask_RestoreCertificates", "UserTask_PrepareFirstStandardEditionServer", "UserTask_RunDeploymentWizard",
                "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        InOrder order = inOrder(service);
        order.verify(service).restoreFileStore(id, "se01.lab.contoso.local", SET_ID, false);
        order.verify(service).installCentralManagementDatabase(id, "se01.lab.contoso.local", false);
        order.verify(service).enableTopology(id);
        order.verify(service).restoreUserData(id, "se01.lab.contoso.local", SET_ID, java.util.List.of());
        order.verify(service).restoreLisConfiguration(id, SET_ID);
        verify(service, never()).installConfiguredDatabases(anyString(), anyString());
        verify(service, never()).checkSqlServer(anyString());
    }

    @Test
    void r5BackEndWithCollocatedMonitoring() {
        RecoveryPlan cms = assessment("be01.lab.contoso.local").plan();
        RecoveryPlan backEnd = new RecoveryPlan(cms.failedServerFqdn(), RecoveryProcedure.ENTERPRISE_BACK_END,
                cms.pool(), List.of(cms.sqlStores().get(0), assessment("mon01.lab.contoso.local").plan().sqlStores().get(0)),
                Optional.empty(), "Enterprise Edition Back End");
        String id = recover("be01.lab.contoso.local", withPlan(backEnd));

        assertThat(tasksSeen).as("a Back End SQL server has no Lync certificate").containsExactly(
                "UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer", "UserTask_InstallSqlServer",
                "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        InOrder order = inOrder(service);
        order.verify(service).installConfiguredDatabases(id, "be01.lab.contoso.local");
        order.verify(service).restoreUserData(id, "be01.lab.contoso.local", SET_ID, java.util.List.of());
        order.verify(service).restoreResponseGroup(id, "be01.lab.contoso.local", SET_ID);
        order.verify(service).restoreDatabases(id, "be01.lab.contoso.local", SET_ID, false, null, null);
    }

    @Test
    void r8FrontEndServerNeedsOnlyTheWizard() {
        recover("fe02.lab.contoso.local", assessment("fe02.lab.contoso.local"));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer",
                "UserTask_RestoreCertificates", "UserTask_RunDeploymentWizard", "UserTask_ConfirmServicesAndSignIn",
                "UserTask_ReviewRecoveryReport");
        verify(service, never()).exportConfigurationForEdge(anyString(), anyString());
        verify(service, never()).restoreUserData(anyString(), anyString(), anyString(), any());
    }

    @Test
    void r8EdgeServerGetsTheConfigurationExportedForIt() {
        String id = recover("edge01a.lab.contoso.local", assessment("edge01a.lab.contoso.local"));

        verify(service).exportConfigurationForEdge(id, "edge01a.lab.contoso.local");
        assertThat(historicVariable(id, RecoveryVariables.EDGE_CONFIGURATION_PATH)).asString().endsWith("CsConfiguration.zip");
    }

    @Test
    void r10FileStoreThenEnableTopologyForTheAcls() {
        String id = recover("fs01.lab.contoso.local", assessment("fs01.lab.contoso.local"));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareFileShare",
                "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        InOrder order = inOrder(service);
        order.verify(service).restoreFileStore(id, "fs01.lab.contoso.local", SET_ID, false);
        order.verify(service).enableTopology(id);
    }

    @Test
    void r11MonitoringStoreRestoresItsDatabases() {
        String id = recover("mon01.lab.contoso.local", assessment("mon01.lab.contoso.local"));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer",
                "UserTask_InstallSqlServer", "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        InOrder order = inOrder(service);
        order.verify(service).checkSqlServer("mon01.lab.contoso.local");
        order.verify(service).installStoreDatabases(id, "mon01.lab.contoso.local");
        order.verify(service).restoreDatabases(id, "mon01.lab.contoso.local", SET_ID, false, null, null);
        verify(service, never()).checkCertificate(anyString(), any(), any(), any(), any());
    }

    @Test
    void r12PersistentChatByExport() {
        String id = recover("pcsql01.lab.contoso.local", assessment("pcsql01.lab.contoso.local"));

        verify(service).importPersistentChatData(id, "pcsql01.lab.contoso.local", SET_ID);
        verify(service, never()).restoreDatabases(anyString(), anyString(), anyString(), anyBoolean(), any(), any());
    }

    @Test
    void r12PersistentChatBySqlBackup() {
        RecoveryPlan export = assessment("pcsql01.lab.contoso.local").plan();
        Pool pool = export.pool().orElseThrow();
        Pool bySql = new Pool(pool.fqdn(), pool.kind(), pool.site(), pool.servers(), pool.backEnd(), false, false, null,
                pool.persistentChatStore(), Pool.PersistentChatBackup.SQL);
        String id = recover("pcsql01.lab.contoso.local", withPlan(new RecoveryPlan(export.failedServerFqdn(), export.procedure(),
                Optional.of(bySql), export.sqlStores(), export.fileStore(), export.role())));

        verify(service).restoreDatabases(id, "pcsql01.lab.contoso.local", SET_ID, false, null, null);
        verify(service, never()).importPersistentChatData(anyString(), anyString(), anyString());
    }

    @Test
    void aServerWithTwoPartsRunsBothProceduresAndIsRebuiltAndGivenSqlServerOnce() {
        RecoveryPlan monitoring = assessment("mon01.lab.contoso.local").plan();
        RecoveryPlan chat = assessment("pcsql01.lab.contoso.local").plan();
        RecoveryPlan both = new RecoveryPlan("mon01.lab.contoso.local", List.of(RecoveryProcedure.MONITORING_ARCHIVING_STORE,
                RecoveryProcedure.PERSISTENT_CHAT_STORE), chat.pool(), List.of(monitoring.sqlStores().get(0),
                chat.sqlStores().get(0)), Optional.empty(), "Monitoring/Archiving and Persistent Chat SQL stores");

        String id = recover("mon01.lab.contoso.local", withPlan(both));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer",
                "UserTask_InstallSqlServer", "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        InOrder order = inOrder(service);
        order.verify(service).checkSqlServer("mon01.lab.contoso.local");
        order.verify(service).installStoreDatabases(id, "mon01.lab.contoso.local");
        order.verify(service).restoreDatabases(id, "mon01.lab.contoso.local", SET_ID, false, null, null);
        order.verify(service).installStoreDatabases(id, "mon01.lab.contoso.local");
        order.verify(service).importPersistentChatData(id, "mon01.lab.contoso.local", SET_ID);
        verify(service, org.mockito.Mockito.times(1)).checkSqlServer(anyString());
        verify(service, org.mockito.Mockito.times(1)).checkServerIdentity(anyString(), any());
    }

    @Test
    void aDirtyTargetIsRestoredOnlyAfterAManagerApprovesTheOverride() {
        doThrow(new RestoreTargetNotCleanException("database [LcsCDR] on mon01.lab.contoso.local\\archmon holds data"))
                .doNothing().when(service).restoreDatabases(anyString(), eq("mon01.lab.contoso.local"), eq(SET_ID), eq(false), any(), any());
        approveOverride = true;

        String id = recover("mon01.lab.contoso.local", assessment("mon01.lab.contoso.local"));

        assertThat(tasksSeen).contains("UserTask_DecideTargetOverride").doesNotContain("UserTask_CleanTarget");
        InOrder order = inOrder(service);
        order.verify(service).restoreDatabases(id, "mon01.lab.contoso.local", SET_ID, false, null, null);
        order.verify(service).restoreDatabases(id, "mon01.lab.contoso.local", SET_ID, true, null, null);
        assertThat(historicVariable(id, RecoveryVariables.OVERRIDE_REASON)).isEqualTo("the new instance was filled by a test import");
    }

    @Test
    void aCentralManagementStoreHoldingAConfigurationIsReinstalledOnlyAfterAManagerApprovesTheOverride() {
        RecoveryPlan se = assessment("se01.lab.contoso.local").plan();
        RecoveryPlan cmsOnSe = new RecoveryPlan(se.failedServerFqdn(), RecoveryProcedure.CENTRAL_MANAGEMENT_STORE_HOST,
                se.pool(), se.sqlStores(), se.fileStore(), se.role() + ", hosting the Central Management store");
        doThrow(new RestoreTargetNotCleanException("xds changed since setup created it"))
                .doNothing().when(service).installCentralManagementDatabase(anyString(), eq("se01.lab.contoso.local"), eq(false));
        approveOverride = true;

        String id = recover("se01.lab.contoso.local", withPlan(cmsOnSe));

        assertThat(tasksSeen).containsSubsequence("UserTask_PrepareFirstStandardEditionServer",
                "UserTask_DecideTargetOverride", "UserTask_RunDeploymentWizard").doesNotContain("UserTask_CleanTarget");
        InOrder order = inOrder(service);
        order.verify(service).recordSetupDatabases(id, "se01.lab.contoso.local");
        order.verify(service).installCentralManagementDatabase(id, "se01.lab.contoso.local", false);
        order.verify(service).installCentralManagementDatabase(id, "se01.lab.contoso.local", true);
        order.verify(service).setConfigurationStoreLocation(id, "se01.lab.contoso.local");
    }

    @Test
    void aDeniedCmsOverrideSendsAnOperatorToCleanTheCmsAndTheInstallIsTriedAgain() {
        RecoveryPlan cms = assessment("be01.lab.contoso.local").plan();
        doThrow(new RestoreTargetNotCleanException("xds holds 25 rows"))
                .doNothing().when(service).installCentralManagementDatabase(anyString(), eq("be01.lab.contoso.local"), eq(false));
        approveOverride = false;

        String id = recover("be01.lab.contoso.local", withPlan(cms));

        assertThat(tasksSeen).containsSubsequence("UserTask_InstallSqlServer", "UserTask_DecideTargetOverride",
                "UserTask_CleanTarget");
        verify(service, never()).installCentralManagementDatabase(anyString(), anyString(), eq(true));
        verify(service, org.mockito.Mockito.times(2)).installCentralManagementDatabase(id, "be01.lab.contoso.local", false);
        verify(service, never()).recordSetupDatabases(anyString(), anyString());
    }

    @Test
    void aDeniedOverrideSendsAnOperatorToCleanTheTargetAndNothingIsOverwritten() {
        doThrow(new RestoreTargetNotCleanException("\\\\fs01.lab.contoso.local\\lyncshare holds 12 entries"))
                .doNothing().when(service).restoreFileStore(anyString(), eq("fs01.lab.contoso.local"), eq(SET_ID), eq(false));
        approveOverride = false;

        String id = recover("fs01.lab.contoso.local", assessment("fs01.lab.contoso.local"));

        assertThat(tasksSeen).containsSubsequence("UserTask_DecideTargetOverride", "UserTask_CleanTarget");
        verify(service, never()).restoreFileStore(anyString(), anyString(), anyString(), eq(true));
        verify(service, org.mockito.Mockito.times(2)).restoreFileStore(id, "fs01.lab.contoso.local", SET_ID, false);
    }

    @Test
    void anInstanceThatAlreadyHoldsLyncDataSendsTheOperatorBackToACleanServerInsteadOfTheInstallation() {
        when(service.checkSqlServer("be01.lab.contoso.local"))
                .thenReturn(new RecoveryService.CheckResult(false, "be01.lab.contoso.local\\rtc already holds data in database xds", true))
                .thenReturn(new RecoveryService.CheckResult(true, null));
        sqlInstanceWayBack = RecoveryInputs.REBUILD_SERVER;

        String id = recover("be01.lab.contoso.local", assessment("be01.lab.contoso.local"));

        // a Back End SQL Server has no Lync certificate to restore: the way back goes straight to the installation
        assertThat(tasksSeen).containsSubsequence("UserTask_PrepareCleanServer", "UserTask_InstallSqlServer",
                "UserTask_ResolveSqlInstance", "UserTask_PrepareCleanServer", "UserTask_InstallSqlServer",
                "UserTask_ConfirmServicesAndSignIn");
        assertThat(tasksSeen).doesNotContain("UserTask_RestoreCertificates");
        assertThat(tasksSeen.stream().filter("UserTask_InstallSqlServer"::equals)).hasSize(2);
        verify(service, org.mockito.Mockito.times(2)).checkServerIdentity(eq("be01.lab.contoso.local"), any());
        verify(service).installCentralManagementDatabase(id, "be01.lab.contoso.local", false);
    }

    @Test
    void anInstanceEmptiedByTheDbaIsCheckedAgainWithoutRebuildingTheServer() {
        when(service.checkSqlServer("mon01.lab.contoso.local"))
                .thenReturn(new RecoveryService.CheckResult(false, "mon01.lab.contoso.local\\archmon already holds data", true))
                .thenReturn(new RecoveryService.CheckResult(true, null));
        sqlInstanceWayBack = RecoveryInputs.CHECK_AGAIN;

        recover("mon01.lab.contoso.local", assessment("mon01.lab.contoso.local"));

        assertThat(tasksSeen).containsExactly("UserTask_ApproveDataLossWindow", "UserTask_PrepareCleanServer",
                "UserTask_InstallSqlServer", "UserTask_ResolveSqlInstance", "UserTask_InstallSqlServer",
                "UserTask_ConfirmServicesAndSignIn", "UserTask_ReviewRecoveryReport");
        verify(service, org.mockito.Mockito.times(1)).checkServerIdentity(eq("mon01.lab.contoso.local"), any());
    }

    private RecoveryService.Assessment withPlan(RecoveryPlan plan) {
        return new RecoveryService.Assessment(plan, SET_ID, RecoveryProcessTestSupport.SET_COMPLETED, "/srv/backups/" + SET_ID);
    }

    /** Starts a recovery and answers every task as a person would, until the recovery ends; returns its id. */
    private String recover(String fqdn, RecoveryService.Assessment assessment) {
        when(service.assess(eq(fqdn), any())).thenReturn(assessment);
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(RecoveryProcess.KEY,
                Map.of(RecoveryVariables.FAILED_SERVER_FQDN, fqdn));
        runJobs(processEngine);
        for (int step = 0; step < 40 && !ended(pi); step++) {
            List<Task> open = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(fqdn).list();
            assertThat(open).as("the recovery waits for somebody").hasSize(1);
            String key = open.get(0).getTaskDefinitionKey();
            tasksSeen.add(key);
            complete(processEngine, fqdn, key, "someone", answer(key));
        }
        assertThat(ended(pi)).isTrue();
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
                .singleResult().getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .orderByProcessInstanceStartTime().asc().list()).extracting(HistoricProcessInstance::getProcessDefinitionKey)
                .containsExactlyElementsOf(assessment.plan().procedures().stream().map(RecoveryProcedure::processKey).toList());
        return pi.getId();
    }

    private Object[] answer(String taskKey) {
        return switch (taskKey) {
            case "UserTask_ApproveDataLossWindow" -> new Object[] {RecoveryVariables.DATA_LOSS_APPROVED, true};
            case "UserTask_PrepareCleanServer" -> new Object[] {RecoveryVariables.SAME_FQDN_CONFIRMED, true};
            case "UserTask_RestoreCertificates" -> new Object[] {RecoveryVariables.CERTIFICATE_THUMBPRINT, "AB",
                    RecoveryVariables.CERTIFICATE_PEM, "pem"};
            case "UserTask_InstallSqlServer" -> new Object[] {RecoveryVariables.SQL_VERSION_INSTALLED, "2012"};
            case "UserTask_ResolveSqlInstance" -> new Object[] {RecoveryVariables.SQL_INSTANCE_RESOLUTION, sqlInstanceWayBack};
            case "UserTask_DecideTargetOverride" -> new Object[] {RecoveryVariables.OVERRIDE_APPROVED, approveOverride,
                    RecoveryVariables.OVERRIDE_REASON, approveOverride ? "the new instance was filled by a test import" : "keep it"};
            case "UserTask_ConfirmServicesAndSignIn" -> new Object[] {RecoveryVariables.SERVICES_CONFIRMED, true,
                    RecoveryVariables.SIGN_IN_CONFIRMED, true, RecoveryVariables.TEST_USER_SIP_URI, "sip:user0001@lab.contoso.local"};
            default -> new Object[0];
        };
    }

    private boolean ended(ProcessInstance pi) {
        HistoricProcessInstance h = processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId()).singleResult();
        return h.getEndTime() != null;
    }

    private Object historicVariable(String processInstanceId, String name) {
        return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).singleResult().getValue();
    }
}
