package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lyncrunbooks.backupset.BackupShareUnavailableException;
import org.lyncrunbooks.workflow.ExternalTaskWorkers;

@Deployment(resources = {"processes/lync-backup-cycle.bpmn", "processes/lync-backup-schedule.bpmn", "forms/start-backup-cycle.form", "forms/review-failed-backup.form"})
class BackupCycleProcessTest {

    private static final String SET_ID = "20261126T020000Z";
    private static final String SCHEDULE = "0 30 3 * * ?";
    /** Fewer lanes than the 3 items: one lane takes two items one after the other. */
    private static final int LANES = 2;

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(0.95).build();

    static {
        // The timer start event reads ${backupSchedule.cron} when the process is deployed, before any test runs.
        Mocks.register("backupSchedule", new BackupSchedule(SCHEDULE));
    }

    ProcessEngine processEngine;
    private final BackupService service = mock(BackupService.class);

    @BeforeEach
    void registerDelegates() {
        Mocks.register("backupSchedule", new BackupSchedule(SCHEDULE));
        Mocks.register("admitBackupRunDelegate", new AdmitBackupRunDelegate(new BackupAdmission(new CamundaRunningBackups(processEngine), java.time.Clock.systemUTC())));
        Mocks.register("prepareBackupSetDelegate", new PrepareBackupSetDelegate(service, properties(LANES)));
        Mocks.register("assessBackupItemsDelegate", new AssessBackupItemsDelegate(service));
        Mocks.register("writeManifestDelegate", new WriteManifestDelegate(service));
        Mocks.register("verifyBackupSetDelegate", new VerifyBackupSetDelegate(service));
        Mocks.register("publishBackupSetDelegate", new PublishBackupSetDelegate(service));
        Mocks.register("applyRetentionDelegate", new ApplyRetentionDelegate(service));
        // the farm-topology check (lync-topology-drift) has tests of its own; here it finds nothing to report
        Mocks.register("checkFarmTopologyDelegate", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> { });
        Mocks.register("abandonBackupSetDelegate", new AbandonBackupSetDelegate(service));
        when(service.prepare(any(), any())).thenReturn(new BackupService.PreparedRun(SET_ID, 3));
        when(service.assess(SET_ID)).thenReturn(new BackupService.Assessment(3, 0, null));
        when(service.engineMetricsCutoff()).thenReturn(java.time.Instant.now().minus(Duration.ofDays(400)));
    }

    /** An admission that admits every run: for tests of what a run does, not of how runs are admitted. */
    static AdmitBackupRunDelegate admitEveryRun() {
        return new AdmitBackupRunDelegate(new BackupAdmission(except -> java.util.List.of(), java.time.Clock.systemUTC()));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void publishesTheSetWhenEveryItemSucceeds() {
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        assertThat(pi).isWaitingAt(BackupProcess.SERVICE_TASK_PREPARE_BACKUP_SET);

        execute(job(pi));
        assertThat(pi).hasBusinessKey(SET_ID).variables().containsEntry(BackupVariables.BACKUP_SET_ID, SET_ID)
                .containsEntry(BackupVariables.ITEM_COUNT, 3).containsEntry(BackupVariables.LANE_COUNT, LANES);
        assertThat(pi).isWaitingAt(BackupProcess.SERVICE_TASK_BACK_UP_ITEM);
        completeAllItems(3);
        runJobsUntilWaitingOrEnded(pi);

        assertThat(pi).isEnded().hasPassedInOrder(BackupProcess.SERVICE_TASK_WRITE_MANIFEST,
                BackupProcess.SERVICE_TASK_VERIFY_BACKUP_SET, BackupProcess.SERVICE_TASK_PUBLISH_BACKUP_SET,
                BackupProcess.SERVICE_TASK_APPLY_RETENTION, BackupProcess.END_EVENT_BACKUP_PUBLISHED);
        verify(service).writeManifest(SET_ID);
        verify(service).verify(SET_ID);
        verify(service).publish(SET_ID);
        verify(service, never()).abandon(any(), anyString());
    }

    @Test
    void asksAnOperatorWhenItemsFailedAndRetriesOnlyThen() {
        when(service.assess(SET_ID))
                .thenReturn(new BackupService.Assessment(3, 1, "1 of 3 items failed after their retries:\n- userdata:pool01: Export-CsUserData failed (exit 1): pool not found"))
                .thenReturn(new BackupService.Assessment(3, 0, null));
        ProcessInstance pi = startAndRunItems();

        assertThat(pi).isWaitingAt(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP)
                .variables().containsEntry(BackupVariables.ALL_ITEMS_SUCCEEDED, false)
                .containsEntry(BackupVariables.FAILED_ITEM_COUNT, 1);
        assertThat(task(pi)).hasCandidateGroup(BackupProcess.GROUP_OPERATORS).hasFormKey(null);
        assertThat((String) processEngine.getRuntimeService().getVariable(pi.getId(), BackupVariables.FAILURE_SUMMARY))
                .contains("Export-CsUserData failed (exit 1): pool not found");
        verify(service, never()).publish(anyString());

        complete(task(pi), withVariables(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_RETRY));
        execute(job(pi));
        verify(service).prepare(eq(Optional.of(SET_ID)), any());
        completeAllItems(3);
        runJobsUntilWaitingOrEnded(pi);

        assertThat(pi).isEnded().hasPassed(BackupProcess.END_EVENT_BACKUP_PUBLISHED);
        verify(service).publish(SET_ID);
    }

    @Test
    void neverPublishesAnAbandonedRun() {
        when(service.assess(SET_ID)).thenReturn(new BackupService.Assessment(3, 2, "2 of 3 items failed"));
        ProcessInstance pi = startAndRunItems();

        complete(task(pi), withVariables(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_ABANDON,
                BackupVariables.ABANDON_REASON, "SQL store decommissioned"));
        runJobsUntilWaitingOrEnded(pi);

        assertThat(pi).isEnded().hasPassed(BackupProcess.END_EVENT_BACKUP_ABANDONED)
                .hasNotPassed(BackupProcess.SERVICE_TASK_PUBLISH_BACKUP_SET);
        verify(service).abandon(Optional.of(SET_ID), "SQL store decommissioned");
        verify(service, never()).publish(anyString());
    }

    @Test
    void stopsBeforeAnyItemWhenTheShareCannotBeWritten() {
        when(service.prepare(eq(Optional.empty()), any())).thenThrow(
                new BackupShareUnavailableException("backup root /mnt/backup is not writable: AccessDeniedException"));
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);

        execute(job(pi));

        assertThat(pi).isWaitingAt(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP)
                .hasPassed(BackupProcess.BOUNDARY_EVENT_BACKUP_SHARE_UNAVAILABLE)
                .hasNotPassed(BackupProcess.SERVICE_TASK_BACK_UP_ITEM)
                .variables().containsEntry(BackupVariables.FAILURE_SUMMARY,
                        "backup root /mnt/backup is not writable: AccessDeniedException");
        assertThat(processEngine.getExternalTaskService().createExternalTaskQuery().count()).isZero();

        complete(task(pi), withVariables(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_ABANDON));
        runJobsUntilWaitingOrEnded(pi);
        verify(service).abandon(Optional.empty(), "abandoned by an operator");
    }

    @Test
    void asksAnOperatorWhenTheManifestCannotBeWritten() {
        doThrow(new BackupShareUnavailableException("cannot write the manifest: No space left on device"))
                .when(service).writeManifest(SET_ID);
        ProcessInstance pi = startAndRunItems();

        assertThat(pi).isWaitingAt(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP)
                .hasPassed(BackupProcess.BOUNDARY_EVENT_MANIFEST_SHARE_UNAVAILABLE)
                .variables().containsEntry(BackupVariables.FAILURE_SUMMARY, "cannot write the manifest: No space left on device");
    }

    @Test
    void asksAnOperatorWhenTheSetDoesNotVerify() {
        doThrow(new BackupVerificationException("Set 20261126T020000Z did not verify:\n- cms/CsConfiguration.zip: checksum mismatch"))
                .when(service).verify(SET_ID);
        ProcessInstance pi = startAndRunItems();

        assertThat(pi).isWaitingAt(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP)
                .hasPassed(BackupProcess.BOUNDARY_EVENT_VERIFICATION_FAILED)
                .hasNotPassed(BackupProcess.SERVICE_TASK_PUBLISH_BACKUP_SET);
        verify(service, never()).publish(anyString());
    }

    @Test
    void theNightlyRetentionAlsoRemovesTheEnginesMetricsOlderThanTheirMaxAge() {
        org.camunda.bpm.engine.ManagementService management = processEngine.getManagementService();
        java.util.Date old = java.util.Date.from(java.time.Instant.now().minus(Duration.ofDays(500)));
        try {
            // metrics the engine reported 500 days ago, and some of today's
            org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(old);
            ProcessInstance oldRun = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
            management.reportDbMetricsNow();
            // that run is long gone: only its metrics stay (one run is admitted at a time)
            processEngine.getRuntimeService().deleteProcessInstance(oldRun.getId(), "a run of 500 days ago");
        } finally {
            org.camunda.bpm.engine.impl.util.ClockUtil.reset();
        }
        java.util.Date afterOld = new java.util.Date(old.getTime() + 1000);
        long oldStarts = management.createMetricsQuery().name(org.camunda.bpm.engine.management.Metrics.ACTIVTY_INSTANCE_START)
                .endDate(afterOld).sum();
        when(service.prepare(eq(Optional.empty()), any())).thenReturn(new BackupService.PreparedRun(SET_ID, 3));

        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        executeJobOf(pi);
        completeAllItems(3);
        runJobsUntilWaitingOrEnded(pi);
        management.reportDbMetricsNow();

        assertThat(pi).isEnded();
        assertThat(oldStarts).as("the old report counted activity starts").isPositive();
        assertThat(management.createMetricsQuery().name(org.camunda.bpm.engine.management.Metrics.ACTIVTY_INSTANCE_START)
                .endDate(afterOld).sum()).as("older than 400 days: removed").isZero();
        assertThat(management.createMetricsQuery().name(org.camunda.bpm.engine.management.Metrics.ACTIVTY_INSTANCE_START)
                .startDate(afterOld).sum()).as("today's: kept").isPositive();
    }

    @Test
    void retentionSparesTheSetsOfRunsStillInTheEngine() {
        when(service.prepare(eq(Optional.empty()), any())).thenReturn(new BackupService.PreparedRun("20261125T020000Z", 3));
        // a run admitted earlier (on another node, or before runs were admitted one at a time)
        ProcessInstance other = processEngine.getRuntimeService().createProcessInstanceByKey(BackupProcess.KEY)
                .startBeforeActivity(BackupProcess.GATEWAY_RUN_STARTED).execute();
        execute(job(other));
        when(service.prepare(eq(Optional.empty()), any())).thenReturn(new BackupService.PreparedRun(SET_ID, 3));

        ProcessInstance pi = processEngine.getRuntimeService().createProcessInstanceByKey(BackupProcess.KEY)
                .startBeforeActivity(BackupProcess.GATEWAY_RUN_STARTED).execute();
        executeJobOf(pi);
        completeAllItems(3);
        runJobsUntilWaitingOrEnded(pi);

        assertThat(pi).isEnded();
        assertThat(other).isWaitingAt(BackupProcess.SERVICE_TASK_BACK_UP_ITEM);
        verify(service).applyRetention(Set.of("20261125T020000Z", SET_ID));
    }

    @Test
    void aSecondStartWhileARunIsInProgressIsRefusedWithTheRunningSetsIdAndLeavesNothing() {
        ProcessInstance first = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        executeJobOf(first);

        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY))
                .isInstanceOf(BackupRunRefusedException.class)
                .hasMessageContaining("a backup run is already in progress: set " + SET_ID)
                .satisfies(e -> assertThat(((BackupRunRefusedException) e).status())
                        .isEqualTo(org.lyncrunbooks.workflow.RequestRefusedException.Status.CONFLICT));
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .list()).extracting(ProcessInstance::getId).containsExactly(first.getId());
        verify(service).prepare(any(), any());
    }

    @Test
    void anAdmittedRunIsNamedAfterItsStartSoTheStartAnswersWithItsSetId() {
        java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        java.time.Instant after = java.time.Instant.now();

        java.time.Instant named = org.lyncrunbooks.backupset.SetId.parse(pi.getBusinessKey()).orElseThrow().startedAt();
        assertThat(named).isBetween(before, after);
        java.util.Date startedAt = (java.util.Date) processEngine.getRuntimeService().getVariable(pi.getId(),
                BackupVariables.RUN_STARTED_AT);
        executeJobOf(pi);
        verify(service).prepare(Optional.empty(), Optional.of(startedAt.toInstant()));
    }

    @Test
    void theScheduleJoinsARunInProgressInsteadOfStartingASecond() {
        ProcessInstance manual = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        executeJobOf(manual);
        Job timer = processEngine.getManagementService().createJobQuery().timers().singleResult();

        processEngine.getManagementService().executeJob(timer.getId());

        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY)
                .list()).extracting(ProcessInstance::getId).containsExactly(manual.getId());
        org.camunda.bpm.engine.history.HistoricProcessInstance joined = processEngine.getHistoryService()
                .createHistoricProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY).finished().singleResult();
        assertThat(joined.getEndActivityId()).isEqualTo(BackupProcess.END_EVENT_JOINED_RUN_IN_PROGRESS);
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(BackupProcess.SCHEDULE_KEY).count()).as("the schedule's fire has ended").isZero();
        verify(service).prepare(any(), any());
    }

    @Test
    void theScheduleStartsARun() {
        Job timer = processEngine.getManagementService().createJobQuery().timers().singleResult();
        assertThat(timer).isNotNull();
        LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(3, 30));
        assertThat(due).isAfter(LocalDateTime.now()).isBefore(LocalDateTime.now().plusDays(1));

        processEngine.getManagementService().executeJob(timer.getId());

        ProcessInstance schedule = processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(BackupProcess.SCHEDULE_KEY).singleResult();
        assertThat(schedule).isWaitingAt(BackupProcess.SCHEDULE_CALL_ACTIVITY_RUN_BACKUP_CYCLE);
        ProcessInstance pi = processEngine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(BackupProcess.KEY).singleResult();
        assertThat(pi).isWaitingAt(BackupProcess.SERVICE_TASK_PREPARE_BACKUP_SET);
        execute(job(pi));
        completeAllItems(3);
        runJobsUntilWaitingOrEnded(pi);
        assertThat(pi).isEnded();
        assertThat(schedule).isEnded().hasPassed(BackupProcess.SCHEDULE_CALL_ACTIVITY_RUN_BACKUP_CYCLE);
        assertThat(processEngine.getManagementService().createJobQuery().timers().count())
                .as("the next fire is scheduled").isEqualTo(1);
    }

    @Test
    void itsFormsAreDeployedAndReferencedByIdFromTheDeployment() throws Exception {
        String definitionId = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(BackupProcess.KEY).singleResult().getId();
        CamundaFormRef startForm = processEngine.getFormService().getStartFormData(definitionId).getCamundaFormRef();
        assertThat(startForm.getKey()).isEqualTo(BackupProcess.FORM_START_BACKUP_CYCLE);
        assertThat(startForm.getBinding()).isEqualTo("deployment");
        try (var form = processEngine.getFormService().getDeployedStartForm(definitionId)) {
            assertThat(new String(form.readAllBytes())).contains("\"id\": \"start-backup-cycle\"");
        }

        when(service.assess(SET_ID)).thenReturn(new BackupService.Assessment(3, 1, "1 failed"));
        ProcessInstance pi = startAndRunItems();
        Task review = task(pi);
        assertThat(processEngine.getFormService().getTaskFormData(review.getId()).getCamundaFormRef().getKey())
                .isEqualTo(BackupProcess.FORM_REVIEW_FAILED_BACKUP);
        try (var form = processEngine.getFormService().getDeployedTaskForm(review.getId())) {
            assertThat(new String(form.readAllBytes())).contains("\"key\": \"reviewDecision\"");
        }
    }

    private ProcessInstance startAndRunItems() {
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        execute(job(pi));
        completeAllItems(3);
        runJobsUntilWaitingOrEnded(pi);
        return pi;
    }

    /** Plays the worker for the run of {@link #SET_ID}; every item is handed out once. */
    private void completeAllItems(int expected) {
        assertThat(completeItemsOf(SET_ID)).as("item indexes handed out")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, expected).boxed().toList());
    }

    /**
     * Plays the worker: fetches the item tasks the lanes offer (at most one per lane at a time), reads which item each
     * is from the task's own variable and the business key, completes them, and goes on until no lane has any.
     */
    private List<Integer> completeItemsOf(String setId) {
        List<Integer> taken = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            List<LockedExternalTask> tasks = processEngine.getExternalTaskService().fetchAndLock(100, "test-worker")
                    .topic(BackupProcess.TOPIC_BACKUP_ITEM, 60_000).businessKey(setId)
                    .variables(BackupVariables.ITEM_INDEX).localVariables().execute();
            if (tasks.isEmpty()) {
                return taken;
            }
            assertThat(tasks).as("one item at a time per lane").hasSizeLessThanOrEqualTo(LANES);
            for (LockedExternalTask t : tasks) {
                assertThat(t.getBusinessKey()).isEqualTo(setId);
                taken.add(itemIndex(t));
                processEngine.getExternalTaskService().complete(t.getId(), "test-worker");
            }
        }
        throw new AssertionError("items kept coming");
    }

    static BackupProperties properties(int lanes) {
        return new BackupProperties(Path.of("unused"), "", SCHEDULE,
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(3, Duration.ZERO),
                new BackupProperties.Worker(false, 1, lanes, Duration.ofMinutes(5), Duration.ofSeconds(1)));
    }

    private void executeJobOf(ProcessInstance pi) {
        Job job = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
        processEngine.getManagementService().executeJob(job.getId());
    }

    private void runJobsUntilWaitingOrEnded(ProcessInstance pi) {
        for (int round = 0; round < 50; round++) {
            var jobs = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                    .executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> processEngine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("jobs kept coming");
    }

    /** Which item a fetched task is, as the worker reads it. */
    private int itemIndex(LockedExternalTask task) {
        return BackupItemHandler.itemIndex(new ExternalTaskWorkers(processEngine.getExternalTaskService(),
                processEngine.getRuntimeService(), processEngine.getRepositoryService()).task(task));
    }
}
