package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reliability scenario 4: every item runs far longer than its lock (cmdlets take 8 s, the lock is 3 s and is extended
 * every second, which leaves slack for a loaded machine). The worker extends the locks while the items run, so a second worker polling all the time never gets one, and each
 * cmdlet runs exactly once. With a plain async service task (or without lock extension) the second worker would
 * take every item after 3 s and run it again.
 */
@LabApplicationTest(properties = {
        "lync.lab.cmdlet-delay=PT8S",
        "lync.backup.worker.lock-duration=PT3S",
        "lync.backup.worker.threads=12",
        // one lane per item, so that all twelve items run, and outlive their locks, at the same time
        "lync.backup.worker.lanes=12"})
class BackupItemLockIT {

    static final Path WORK = LabWork.folder(BackupItemLockIT.class);

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ExternalTaskService externalTaskService;

    @Test
    void anItemThatOutlivesItsLockRunsExactlyOnce() throws IOException {
        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        // this node's worker holds every item before the second worker starts polling (the items that are no cmdlet
        // — SQL backups, file stores — end within a moment, so "all twelve locked" may never be seen at once)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                externalTaskService.createExternalTaskQuery().processInstanceId(run.getId()).locked().count() > 0
                        && externalTaskService.createExternalTaskQuery().processInstanceId(run.getId()).notLocked().count() == 0);

        int polls = 0;
        while (historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getEndTime() == null) {
            List<LockedExternalTask> stolen = externalTaskService.fetchAndLock(20, "second-worker")
                    .topic(BackupProcess.TOPIC_BACKUP_ITEM, 60_000).execute();
            assertThat(stolen).as("a second worker got an item whose lock should have been extended").isEmpty();
            polls++;
            await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            assertThat(polls).as("run did not end").isLessThan(1200);
        }

        String setId = historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        assertThat(polls).as("the second worker polled while items outlived their locks").isGreaterThan(10);
        for (String cmdlet : List.of("Export-CsConfiguration", "Export-CsLisConfiguration", "Export-CsUserData -PoolFqdn 'pool01",
                "Export-CsUserData -PoolFqdn 'se01", "Export-CsRgsConfiguration", "Export-CsPersistentChatData")) {
            assertThat(transcriptLines(setId, cmdlet)).as(cmdlet).isEqualTo(1);
        }
    }

    private static long transcriptLines(String setId, String cmdlet) throws IOException {
        try (Stream<String> lines = Files.lines(WORK.resolve("lab/transcript.log"))) {
            return lines.filter(l -> l.contains(setId) && l.contains(cmdlet)).count();
        }
    }
}
