package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lyncrunbooks.workflow.ExternalTaskWorkers;

/**
 * How {@code ServiceTask_BackUpItem} hands out a run's items in lanes: every item exactly once, at most one item per
 * lane at a time, and engine work per item that depends on the number of lanes, not on the size of the run. The
 * worker is played here as it works: fetch with the task's own variables only, complete.
 */
@Deployment(resources = {"processes/lync-backup-cycle.bpmn", "forms/start-backup-cycle.form", "forms/review-failed-backup.form"})
class BackupItemLanesProcessTest {

    private static final String SET_ID = "20261126T020000Z";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    private final BackupService service = mock(BackupService.class);

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @ParameterizedTest(name = "{0} items, {1} lanes configured")
    @CsvSource({"7, 3, 3", "6, 3, 3", "2, 4, 2", "1, 4, 1", "5, 1, 1", "12, 4, 4"})
    void handsOutEveryItemExactlyOnceAtMostOnePerLaneAtATime(int items, int configuredLanes, int lanes) {
        ProcessInstance pi = startAndPrepare(items, configuredLanes);
        assertThat(pi).variables().containsEntry(BackupVariables.LANE_COUNT, lanes);

        List<Integer> handedOut = new ArrayList<>();
        Map<Integer, Integer> nextOfLane = new HashMap<>();
        for (int round = 0; ; round++) {
            assertThat(round).as("rounds").isLessThanOrEqualTo(items);
            List<LockedExternalTask> tasks = fetch();
            if (tasks.isEmpty()) {
                break;
            }
            assertThat(tasks).as("at most one item per lane at a time").hasSizeLessThanOrEqualTo(lanes);
            for (LockedExternalTask task : tasks) {
                int index = itemIndex(task);
                int lane = index % lanes;
                assertThat(index).as("lane %d takes its items in turn", lane)
                        .isEqualTo(nextOfLane.getOrDefault(lane, lane));
                nextOfLane.put(lane, index + lanes);
                handedOut.add(index);
            }
            tasks.forEach(t -> processEngine.getExternalTaskService().complete(t.getId(), "test-worker"));
        }

        assertThat(handedOut).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, items).boxed().toList());
        runJobsExcept(pi, BackupProcess.SERVICE_TASK_ASSESS_BACKUP_ITEMS);
        assertThat(pi).hasPassed(BackupProcess.SUB_PROCESS_BACK_UP_ITEMS)
                .isWaitingAt(BackupProcess.SERVICE_TASK_ASSESS_BACKUP_ITEMS);
    }

    @Test
    void theEngineWorkPerItemDependsOnTheLanesNotOnTheSizeOfTheRun() {
        int lanes = 3;
        // the run's executions: the process instance, the lanes' multi-instance body, and per lane its concurrent
        // execution, the sub-process, the loop over the lane's items and the execution of the item task in it
        int tree = 2 + 4 * lanes;
        EngineWork small = backUpAllItems(20, lanes);
        EngineWork large = backUpAllItems(200, lanes);

        assertThat(large.executionsInFlight()).as("executions of the run while its items are in flight")
                .isLessThanOrEqualTo(tree).isEqualTo(small.executionsInFlight());
        assertThat(large.loadedByFetch()).as("executions loaded by a fetch, per task fetched: only the task's own")
                .isEqualTo(1).isEqualTo(small.loadedByFetch());
        // a completion loads the run's executions once (to leave the item and find its lane's loop) and creates the
        // execution of the lane's next item
        assertThat(large.loadedByCompletion()).as("executions loaded or created by completing an item")
                .isLessThanOrEqualTo(tree + 1).isEqualTo(small.loadedByCompletion());
    }

    @Test
    void completingAnItemChangesNothingTheOtherLanesShareSoWorkersNeverCollide() {
        ProcessInstance pi = startAndPrepare(7, 3);
        Map<String, Integer> shared = sharedExecutionRevisions(pi);
        assertThat(shared).as("the process instance and the lanes' multi-instance body").hasSize(2);

        for (List<LockedExternalTask> tasks = fetch(); !tasks.isEmpty(); tasks = fetch()) {
            tasks.forEach(t -> processEngine.getExternalTaskService().complete(t.getId(), "test-worker"));
        }

        assertThat(sharedExecutionRevisions(pi)).as("not updated by any completion").isEqualTo(shared);
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count())
                .as("each lane's end waits in a job of its own, where a collision of two joins is retried").isEqualTo(3);
    }

    @Test
    @Deployment(resources = {"processes-before-lanes/lync-backup-cycle.bpmn", "forms/start-backup-cycle.form",
            "forms/review-failed-backup.form"})
    void theItemsOfARunStartedBeforeLanesAreStillFound() {
        startAndPrepare(5, 4);

        List<LockedExternalTask> tasks = fetch();

        assertThat(tasks).extracting(this::itemIndex)
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(tasks).extracting(LockedExternalTask::getBusinessKey).containsOnly(SET_ID);
    }

    @Test
    void aTaskWithoutItsItemIndexIsRefusedRatherThanGuessed() {
        // an administrator's modification that skipped the input mappings: the task's loop counter would name the
        // wrong item
        processEngine.getRuntimeService().createProcessInstanceByKey(BackupProcess.KEY).businessKey(SET_ID)
                .setVariable(BackupVariables.ITEM_COUNT, 4).setVariable(BackupVariables.LANE_COUNT, 2)
                .startBeforeActivity(BackupProcess.SERVICE_TASK_BACK_UP_ITEM).execute(false, true);

        List<LockedExternalTask> tasks = fetch();

        assertThat(tasks).hasSize(1);
        assertThatThrownBy(() -> itemIndex(tasks.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no variable " + BackupVariables.ITEM_INDEX);
    }

    /** Revisions of the executions all lanes hang from: the process instance and the lanes' multi-instance body. */
    private Map<String, Integer> sharedExecutionRevisions(ProcessInstance pi) {
        Map<String, Integer> revisions = new HashMap<>();
        for (var execution : processEngine.getRuntimeService().createExecutionQuery().processInstanceId(pi.getId()).list()) {
            ExecutionEntity entity = (ExecutionEntity) execution;
            if (entity.getId().equals(pi.getId()) || pi.getId().equals(entity.getParentId())) {
                revisions.put(entity.getId(), entity.getRevision());
            }
        }
        return revisions;
    }

    /** The most the engine did for one item while a run of {@code items} items was backed up. */
    private record EngineWork(long executionsInFlight, int loadedByFetch, int loadedByCompletion) {
    }

    private EngineWork backUpAllItems(int items, int lanes) {
        ProcessInstance pi = startAndPrepare(items, lanes);
        long inFlight = 0;
        int byFetch = 0;
        int byCompletion = 0;
        int done = 0;
        while (true) {
            inFlight = Math.max(inFlight, processEngine.getRuntimeService().createExecutionQuery()
                    .processInstanceId(pi.getId()).count());
            Measured<List<LockedExternalTask>> fetched = measured(this::fetch);
            if (fetched.result().isEmpty()) {
                break;
            }
            byFetch = Math.max(byFetch, fetched.executionsLoaded() / fetched.result().size());
            for (LockedExternalTask task : fetched.result()) {
                byCompletion = Math.max(byCompletion, measured(() -> {
                    processEngine.getExternalTaskService().complete(task.getId(), "test-worker");
                    return null;
                }).executionsLoaded());
                done++;
            }
        }
        assertThat(done).isEqualTo(items);
        processEngine.getRuntimeService().deleteProcessInstance(pi.getId(), "measured");
        return new EngineWork(inFlight, byFetch, byCompletion);
    }

    private record Measured<T>(T result, int executionsLoaded) {
    }

    /** Runs {@code call} in a command of its own and counts the executions the engine had loaded by its end. */
    private <T> Measured<T> measured(Supplier<T> call) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
            T result = call.get();
            return new Measured<>(result, commandContext.getDbEntityManager().getCachedEntitiesByType(ExecutionEntity.class).size());
        });
    }

    private ProcessInstance startAndPrepare(int items, int configuredLanes) {
        when(service.prepare(any(), any())).thenReturn(new BackupService.PreparedRun(SET_ID, items));
        Mocks.register("admitBackupRunDelegate", BackupCycleProcessTest.admitEveryRun());
        Mocks.register("prepareBackupSetDelegate", new PrepareBackupSetDelegate(service, BackupCycleProcessTest.properties(configuredLanes)));
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        Job prepare = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
        processEngine.getManagementService().executeJob(prepare.getId());
        return pi;
    }

    /** Fetches as the worker does: the item index from the task's own execution, the set id from the business key. */
    private List<LockedExternalTask> fetch() {
        return processEngine.getExternalTaskService().fetchAndLock(1000, "test-worker")
                .topic(BackupProcess.TOPIC_BACKUP_ITEM, 60_000).businessKey(SET_ID)
                .variables(BackupVariables.ITEM_INDEX).localVariables().execute();
    }

    private void runJobsExcept(ProcessInstance pi, String activityId) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list()
                    .stream().filter(j -> !activityId.equals(activityOf(j))).toList();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(j -> processEngine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("jobs kept coming");
    }

    private String activityOf(Job job) {
        return processEngine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }

    /** Which item a fetched task is, as the worker reads it. */
    private int itemIndex(LockedExternalTask task) {
        return BackupItemHandler.itemIndex(new ExternalTaskWorkers(processEngine.getExternalTaskService(),
                processEngine.getRuntimeService(), processEngine.getRepositoryService()).task(task));
    }
}
