package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.Topology;

/** Drives the recovery processes in process tests: real delegates around a mocked {@link RecoveryService}. */
final class RecoveryProcessTestSupport {

    static final String SET_ID = "20261126T020000Z";
    static final Instant SET_COMPLETED = Instant.parse("2026-11-26T02:07:00Z");
    static final String[] RESOURCES = {
            "processes/lync-server-recovery.bpmn", "processes/lync-recovery-rebuild-server.bpmn",
            "processes/lync-recovery-install-sql-server.bpmn", "processes/lync-recovery-restore-file-store.bpmn",
            "processes/lync-recovery-restore-databases.bpmn", "processes/lync-recovery-standard-edition.bpmn",
            "processes/lync-recovery-cms-host.bpmn", "processes/lync-recovery-back-end.bpmn",
            "processes/lync-recovery-member-server.bpmn", "processes/lync-recovery-file-store.bpmn",
            "processes/lync-recovery-monitoring-archiving.bpmn", "processes/lync-recovery-persistent-chat.bpmn"};

    private static Topology labTopology;

    private RecoveryProcessTestSupport() {
    }

    /** The lab farm's topology (generated once, small). */
    static synchronized Topology topology() {
        if (labTopology == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "recovery-process-test-farm-" + ProcessHandle.current().pid());
            labTopology = new LabFarm(new LabProperties(dir, 7, 4, 8, Duration.ZERO)).topology();
        }
        return labTopology;
    }

    static RecoveryService.Assessment assessment(String fqdn) {
        return new RecoveryService.Assessment(RecoveryPlanner.plan(topology(), fqdn).orElseThrow(), SET_ID, SET_COMPLETED,
                "/srv/backups/" + SET_ID);
    }

    static void registerDelegates(RecoveryService service, ProcessEngine engine) {
        // the start's checks are the service's (RecoveryServiceStartTest and the ITs): here a start is its assessment
        org.mockito.Mockito.when(service.start(org.mockito.ArgumentMatchers.any())).thenAnswer(call -> {
            RecoveryInputs.StartRequest request = call.getArgument(0);
            return service.assess(request.failedServerFqdn(), request.backupSetId());
        });
        Mocks.register("assessFailedServerDelegate", new AssessFailedServerDelegate(service, new RecoveryProperties(Duration.ofHours(4))));
        Mocks.register("verifyRecoverySetDelegate", new VerifyRecoverySetDelegate(service));
        Mocks.register("checkChosenBackupSetDelegate", new CheckChosenBackupSetDelegate(service));
        Mocks.register("checkServerIdentityDelegate", new CheckServerIdentityDelegate(service));
        Mocks.register("checkCertificateDelegate", new CheckCertificateDelegate(service));
        Mocks.register("checkSqlServerDelegate", new CheckSqlServerDelegate(service));
        Mocks.register("restoreFileStoreDelegate", new RestoreFileStoreDelegate(service));
        Mocks.register("restoreDatabasesDelegate", new RestoreDatabasesDelegate(service));
        Mocks.register("installCentralManagementDatabaseDelegate", new InstallCentralManagementDatabaseDelegate(service));
        Mocks.register("recordSetupDatabasesDelegate", new RecordSetupDatabasesDelegate(service));
        Mocks.register("setConfigurationStoreLocationDelegate", new SetConfigurationStoreLocationDelegate(service));
        Mocks.register("importConfigurationDelegate", new ImportConfigurationDelegate(service));
        Mocks.register("enableTopologyDelegate", new EnableTopologyDelegate(service));
        Mocks.register("installConfiguredDatabasesDelegate", new InstallConfiguredDatabasesDelegate(service));
        Mocks.register("restoreUserDataDelegate", new RestoreUserDataDelegate(service));
        Mocks.register("restoreLisConfigurationDelegate", new RestoreLisConfigurationDelegate(service));
        Mocks.register("restoreResponseGroupDelegate", new RestoreResponseGroupDelegate(service));
        Mocks.register("exportConfigurationForEdgeDelegate", new ExportConfigurationForEdgeDelegate(service));
        Mocks.register("installStoreDatabasesDelegate", new InstallStoreDatabasesDelegate(service));
        Mocks.register("importPersistentChatDataDelegate", new ImportPersistentChatDataDelegate(service));
        Mocks.register("describeEscalationDelegate", new DescribeEscalationDelegate(
                new Escalations(new CamundaOpenTasks(engine.getTaskService()), Clock.systemUTC())));
        Mocks.register("writeRecoveryReportDelegate", new WriteRecoveryReportDelegate(
                new RecoveryReports(new CamundaRecoveryHistory(engine.getHistoryService()))));
        Mocks.register("chooseNextProcedureDelegate", new ChooseNextProcedureDelegate());
    }

    /** Runs every due job (async continuations; not timers) of the recovery until none is left. */
    static void runJobs(ProcessEngine engine) {
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = engine.getManagementService().createJobQuery().executable().timers().list();
            List<Job> due = engine.getManagementService().createJobQuery().executable().messages().list();
            assertThat(jobs).as("no timer is due in these tests unless a test fires it").isEmpty();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("jobs kept coming");
    }

    /** The one open task with that definition key in the recovery of {@code fqdn} (any of its processes). */
    static Task task(ProcessEngine engine, String fqdn, String taskDefinitionKey) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(fqdn)
                .taskDefinitionKey(taskDefinitionKey).list();
        assertThat(tasks).as("open task %s; open are %s", taskDefinitionKey, openTasks(engine, fqdn)).hasSize(1);
        return tasks.get(0);
    }

    static List<String> openTasks(ProcessEngine engine, String fqdn) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(fqdn).list().stream()
                .map(Task::getTaskDefinitionKey).toList();
    }

    /** Completes the task as a user would (authenticated, so the report knows who), then runs the jobs. */
    static void complete(ProcessEngine engine, String fqdn, String taskDefinitionKey, String user, Object... keyValues) {
        Task task = task(engine, fqdn, taskDefinitionKey);
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], keyValues[i + 1]);
        }
        engine.getIdentityService().setAuthenticatedUserId(user);
        try {
            engine.getTaskService().claim(task.getId(), user);
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        runJobs(engine);
    }
}
