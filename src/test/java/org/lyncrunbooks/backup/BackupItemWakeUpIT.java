package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The item worker starts on a run's items when the transaction that created them commits, not at its next poll: with
 * a poll interval of ten minutes a run is still backed up and published within a minute or two.
 */
@LabApplicationTest(properties = {
        "lync.backup.worker.poll-interval=PT10M"})
class BackupItemWakeUpIT {

    static final Path WORK = LabWork.folder(BackupItemWakeUpIT.class);

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    @Test
    void theWorkerTakesARunsItemsWithoutWaitingForItsNextPoll() {
        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);

        HistoricProcessInstance ended = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId())
                        .singleResult(), pi -> pi.getEndTime() != null);

        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        assertThat(Duration.between(ended.getStartTime().toInstant(), ended.getEndTime().toInstant()))
                .as("well within one poll interval").isLessThan(Duration.ofMinutes(3));
        assertThat(WORK.resolve("backups/CURRENT")).hasContent(ended.getBusinessKey());
    }
}
