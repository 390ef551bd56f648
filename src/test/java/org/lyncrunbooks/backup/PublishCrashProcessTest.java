package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.workflow.ExternalTaskWorkers;

/**
 * Reliability scenario 2 at the process level, with the real engine and the real backup service on a lab farm:
 * the publish step's job is cut short after the set folder was renamed but before CURRENT moved, and after
 * CURRENT moved but before the engine committed. The engine rolls the job back and runs it again (after a real
 * crash: once its lock expired, on any node); the repeated step recognises its own state, finishes publishing,
 * and no second set appears.
 */
@Deployment(resources = {"processes/lync-backup-cycle.bpmn", "forms/start-backup-cycle.form", "forms/review-failed-backup.form"})
class PublishCrashProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("process-test.camunda.cfg.xml").build();

    @TempDir
    static Path work;
    static LabFarm farm;

    ProcessEngine processEngine;
    Path root;
    BackupService service;

    @BeforeAll
    static void generateTheFarm() {
        farm = new LabFarm(new LabProperties(work.resolve("lab"), 0, 10, 20, null));
        farm.topology();
    }

    @BeforeEach
    void realDelegatesOnARealShare() throws Exception {
        root = Files.createTempDirectory(work, "backups");
        BackupProperties properties = new BackupProperties(root, "", "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(1, Duration.ZERO),
                new BackupProperties.Worker(false, 1, 4, Duration.ofMinutes(5), Duration.ofSeconds(1)));
        SqlServerClient sql = new LabSqlServer(farm);
        var engineDatabase = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getDataSource();
        BackupItemRunner runner = new BackupItemRunner(new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null)),
                sql, new FileStoreCopier(2), new OrchestratorDatabaseBackup(engineDatabase,
                new org.springframework.boot.autoconfigure.jdbc.DataSourceProperties(), new PostgresProperties(null, null),
                SqlBackupProperties.defaults()), new NodeSnapshot(farm.topology(), new org.springframework.core.env.StandardEnvironment()),
                SqlBackupProperties.defaults());
        service = new BackupService(new BackupShare(root), farm.topology(), runner, new SetVerifier(2), sql, properties,
                Clock.systemUTC(), new BackupProgress());
        Mocks.register("admitBackupRunDelegate", BackupCycleProcessTest.admitEveryRun());
        Mocks.register("prepareBackupSetDelegate", new PrepareBackupSetDelegate(service, properties));
        Mocks.register("assessBackupItemsDelegate", new AssessBackupItemsDelegate(service));
        Mocks.register("writeManifestDelegate", new WriteManifestDelegate(service));
        Mocks.register("verifyBackupSetDelegate", new VerifyBackupSetDelegate(service));
        Mocks.register("publishBackupSetDelegate", new PublishBackupSetDelegate(service));
        Mocks.register("applyRetentionDelegate", new ApplyRetentionDelegate(service));
        // the farm-topology check (lync-topology-drift) has tests of its own; here it finds nothing to report
        Mocks.register("checkFarmTopologyDelegate", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> { });
        Mocks.register("abandonBackupSetDelegate", new AbandonBackupSetDelegate(service));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aPublicationCutShortAfterCurrentMovedIsFinishedByTheRepeatedJobWithoutASecondSet() throws Exception {
        String previous = publishedRun();
        ProcessInstance pi = runUntilThePublishJob();
        String setId = (String) processEngine.getRuntimeService().getVariable(pi.getId(), BackupVariables.BACKUP_SET_ID);
        JavaDelegate real = new PublishBackupSetDelegate(service);
        Mocks.register("publishBackupSetDelegate", (JavaDelegate) execution -> {
            real.execute(execution);
            throw new IllegalStateException("the JVM died here: CURRENT moved, the engine never committed");
        });

        Job publish = publishJob(pi);
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(publish.getId()))
                .hasMessageContaining("the JVM died here");

        assertThat(root.resolve("CURRENT")).hasContent(setId);
        assertThat(publishJob(pi)).as("the engine still has the publish step to do").isNotNull();
        Mocks.register("publishBackupSetDelegate", real);
        runJobsUntilEnded(pi);

        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        assertThat(root.resolve("CURRENT")).hasContent(setId);
        assertThat(sets()).as("no second set, nothing left over").containsExactlyInAnyOrder("CURRENT", previous, setId,
                BackupShare.PASSED_VERIFICATION_FOLDER);
        BackupCycleIT.assertManifestMatchesTheFiles(root.resolve(setId), setId);
    }

    @Test
    void aPublicationCutShortBetweenTheRenameAndCurrentIsFinishedByTheRepeatedJob() throws Exception {
        String previous = publishedRun();
        ProcessInstance pi = runUntilThePublishJob();
        String setId = (String) processEngine.getRuntimeService().getVariable(pi.getId(), BackupVariables.BACKUP_SET_ID);
        Mocks.register("publishBackupSetDelegate", (JavaDelegate) execution -> {
            // BackupService.publish up to the crash point: working state removed, folder renamed
            Path partial = root.resolve(setId + ".partial");
            AtomicFiles.deleteTree(partial.resolve(".run"));
            Files.move(partial, root.resolve(setId));
            throw new IllegalStateException("the JVM died here: renamed, CURRENT not moved");
        });

        Job publish = publishJob(pi);
        assertThatThrownBy(() -> processEngine.getManagementService().executeJob(publish.getId()))
                .hasMessageContaining("the JVM died here");
        assertThat(root.resolve("CURRENT")).as("CURRENT still names the last complete set").hasContent(previous);
        assertThat(root.resolve(setId)).isDirectory();

        Mocks.register("publishBackupSetDelegate", new PublishBackupSetDelegate(service));
        runJobsUntilEnded(pi);

        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        assertThat(root.resolve("CURRENT")).hasContent(setId);
        assertThat(sets()).containsExactlyInAnyOrder("CURRENT", previous, setId, BackupShare.PASSED_VERIFICATION_FOLDER);
        BackupCycleIT.assertManifestMatchesTheFiles(root.resolve(setId), setId);
    }

    private String publishedRun() {
        ProcessInstance pi = runUntilThePublishJob();
        runJobsUntilEnded(pi);
        return (String) processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(BackupVariables.BACKUP_SET_ID).singleResult().getValue();
    }

    /** Starts a run and plays the engine's job executor and the item worker up to the publish step. */
    private ProcessInstance runUntilThePublishJob() {
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        for (int round = 0; round < 50; round++) {
            if (publishJob(pi) != null) {
                return pi;
            }
            List<LockedExternalTask> items = processEngine.getExternalTaskService().fetchAndLock(100, "test-worker")
                    .topic(BackupProcess.TOPIC_BACKUP_ITEM, 60_000)
                    .variables(BackupVariables.ITEM_INDEX).localVariables().execute();
            for (LockedExternalTask item : items) {
                service.runItem(item.getBusinessKey(), itemIndex(item), 1);
                processEngine.getExternalTaskService().complete(item.getId(), "test-worker");
            }
            processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable().list()
                    .stream().filter(j -> !isPublish(j))
                    .forEach(j -> processEngine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("the run never reached the publish step");
    }

    private Job publishJob(ProcessInstance pi) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list().stream()
                .filter(this::isPublish).findFirst().orElse(null);
    }

    private boolean isPublish(Job job) {
        return BackupProcess.SERVICE_TASK_PUBLISH_BACKUP_SET.equals(processEngine.getManagementService()
                .createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId());
    }

    private void runJobsUntilEnded(ProcessInstance pi) {
        for (int round = 0; round < 50; round++) {
            var jobs = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> processEngine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("jobs kept coming");
    }

    private List<String> sets() throws Exception {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Which item a fetched task is, as the worker reads it. */
    private int itemIndex(LockedExternalTask task) {
        return BackupItemHandler.itemIndex(new ExternalTaskWorkers(processEngine.getExternalTaskService(),
                processEngine.getRuntimeService(), processEngine.getRepositoryService()).task(task));
    }
}
