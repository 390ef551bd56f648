package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an operator sees when a backup cannot finish on its own, on the lab farm with the real engine: failed
 * items after their retries, an abandoned run, and a backup share that cannot be written.
 */
@LabApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupFailuresIT {

    static final Path WORK = LabWork.folder(BackupFailuresIT.class);
    static final Path ROOT = WORK.resolve("backups");
    static final Path MONITORING = WORK.resolve("lab/sql/mon01.lab.contoso.local_archmon");
    static final Path MONITORING_AWAY = WORK.resolve("mon01-moved-away");

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    @Test
    @Order(1)
    void failedItemsWaitForAnOperatorWhoRetriesOnlyThem() throws Exception {
        String first = published(runtimeService.startProcessInstanceByKey(BackupProcess.KEY));
        Files.move(MONITORING, MONITORING_AWAY);

        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = reviewTask(run);

        String summary = (String) taskService.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY);
        assertThat(summary).startsWith("3 of 12 items failed after their retries:")
                .contains("sql:mon01.lab.contoso.local_archmon:LcsLog (attempt 2)",
                        "sql:mon01.lab.contoso.local_archmon:LcsCDR", "sql:mon01.lab.contoso.local_archmon:QoEMetrics")
                .contains("network-related or instance-specific error");
        assertThat(review.getTaskDefinitionKey()).isEqualTo(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP);
        assertThat(taskService.getIdentityLinksForTask(review.getId())).anySatisfy(link ->
                assertThat(link.getGroupId()).isEqualTo(BackupProcess.GROUP_OPERATORS));
        String setId = runtimeService.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
        assertThat(ROOT.resolve(setId + ".partial")).isDirectory();
        assertThat(ROOT.resolve("CURRENT")).hasContent(first);
        long exportsBefore = transcriptLines(setId, "Export-CsConfiguration");

        Files.move(MONITORING_AWAY, MONITORING);
        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_RETRY));

        assertThat(published(run)).isEqualTo(setId);
        assertThat(ROOT.resolve("CURRENT")).hasContent(setId);
        assertThat(transcriptLines(setId, "Export-CsConfiguration")).as("items already done are not run again")
                .isEqualTo(exportsBefore).isEqualTo(1);
        BackupCycleIT.assertManifestMatchesTheFiles(ROOT.resolve(setId), setId);
    }

    @Test
    @Order(2)
    void anAbandonedRunIsNeverPublishedAndRetentionRemovesIt() throws Exception {
        String current = Files.readString(ROOT.resolve("CURRENT")).trim();
        Files.move(MONITORING, MONITORING_AWAY);
        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = reviewTask(run);
        String setId = runtimeService.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
        Files.move(MONITORING_AWAY, MONITORING);

        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_ABANDON,
                BackupVariables.ABANDON_REASON, "monitoring store was being moved"));
        awaitEnd(run);

        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_ABANDONED).count()).isEqualTo(1);
        assertThat(ROOT.resolve(setId)).doesNotExist();
        assertThat(ROOT.resolve(setId + ".partial/.abandoned")).content().contains("monitoring store was being moved");
        assertThat(ROOT.resolve("CURRENT")).hasContent(current);

        String next = published(runtimeService.startProcessInstanceByKey(BackupProcess.KEY));
        assertThat(ROOT.resolve(setId + ".partial")).as("retention removed the abandoned run").doesNotExist();
        assertThat(ROOT.resolve("CURRENT")).hasContent(next);
    }

    @Test
    @Order(3)
    void aShareThatCannotBeWrittenStopsTheRunBeforeAnyWork() throws Exception {
        Path moved = WORK.resolve("backups-moved-away");
        Files.move(ROOT, moved);
        Files.writeString(ROOT, "not a directory");
        long cmdletsBefore = transcriptLines("", "");

        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = reviewTask(run);

        assertThat((String) taskService.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY))
                .startsWith("backup root " + ROOT.toAbsolutePath()).contains("cannot be created");
        assertThat(runtimeService.getVariable(run.getId(), BackupVariables.BACKUP_SET_ID)).isNull();
        assertThat(transcriptLines("", "")).as("no cmdlet ran").isEqualTo(cmdletsBefore);

        Files.delete(ROOT);
        Files.move(moved, ROOT);
        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_RETRY));
        String setId = published(run);
        assertThat(ROOT.resolve("CURRENT")).hasContent(setId);
    }

    private Task reviewTask(ProcessInstance run) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                Optional.ofNullable(taskService.createTaskQuery().processInstanceId(run.getId()).singleResult()), Optional::isPresent).get();
    }

    private String published(ProcessInstance run) {
        awaitEnd(run);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    private void awaitEnd(ProcessInstance run) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getEndTime() != null);
    }

    private static long transcriptLines(String setId, String cmdlet) throws IOException {
        try (Stream<String> lines = Files.lines(WORK.resolve("lab/transcript.log"))) {
            return lines.filter(l -> l.contains(setId) && l.contains(cmdlet)).count();
        }
    }
}
