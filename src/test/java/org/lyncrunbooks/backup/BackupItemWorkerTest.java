package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lyncrunbooks.workflow.ExternalTaskWorker;
import org.lyncrunbooks.workflow.ExternalTaskWorkers;
import org.slf4j.LoggerFactory;

/**
 * The item worker against a real engine when a task vanishes while its item runs — the run was deleted, or another
 * node completed the item after this node's lock expired: the worker says so in its log, reports nothing, throws
 * nothing into its threads, and goes on with other runs.
 */
@Deployment(resources = {"processes/lync-backup-cycle.bpmn", "forms/start-backup-cycle.form", "forms/review-failed-backup.form"})
class BackupItemWorkerTest {

    private static final String SET_ID = "20261126T020000Z";
    private static final String NEXT_SET_ID = "20261127T020000Z";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .configurationResource("process-test.camunda.cfg.xml").build();

    ProcessEngine processEngine;
    private final BackupService service = mock(BackupService.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private ExternalTaskWorker<Integer> worker;

    @BeforeEach
    void captureTheWorkersLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(ExternalTaskWorker.class)).addAppender(log);
    }

    @AfterEach
    void stopTheWorker() {
        if (worker != null) {
            worker.stop();
        }
        ((Logger) LoggerFactory.getLogger(ExternalTaskWorker.class)).detachAppender(log);
        Mocks.reset();
    }

    @Test
    void anItemWhoseRunWasDeletedWhileItRanIsNotReportedAndTheWorkerGoesOn() {
        ProcessInstance run = start(SET_ID);
        doAnswer(call -> {
            processEngine.getRuntimeService().deleteProcessInstance(run.getId(), "deleted by an operator");
            return null;
        }).when(service).runItem(eq(SET_ID), anyInt(), anyInt());

        startWorker(Duration.ofMinutes(1));

        awaitWarning("is gone from the engine");
        assertThat(warning("is gone from the engine")).contains("its completion is not reported");
        assertThatTheWorkerStillBacksUpItems();
    }

    @Test
    void aFailedAttemptOfAnItemWhoseRunWasDeletedIsNotReported() {
        ProcessInstance run = start(SET_ID);
        doAnswer(call -> {
            processEngine.getRuntimeService().deleteProcessInstance(run.getId(), "deleted by an operator");
            throw new BackupItemException("cs-configuration:pool01", "Export-CsConfiguration failed", null);
        }).when(service).runItem(eq(SET_ID), anyInt(), anyInt());

        startWorker(Duration.ofMinutes(1));

        awaitWarning("is gone from the engine");
        assertThat(warning("is gone from the engine")).contains("its failure is not reported");
        assertThatTheWorkerStillBacksUpItems();
    }

    @Test
    void anItemWhoseTaskVanishesWhileItRunsIsInterruptedWhenItsLockIsExtended() throws Exception {
        ProcessInstance run = start(SET_ID);
        CountDownLatch running = new CountDownLatch(1);
        doAnswer(call -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
                return null;
            } catch (InterruptedException e) {
                // as a copy does when its thread is interrupted
                throw new BackupItemException("file-store:lab-fs01", "copy interrupted", e);
            }
        }).when(service).runItem(eq(SET_ID), anyInt(), anyInt());
        startWorker(Duration.ofMillis(600));
        running.await();

        // the delete may collide with a lock extension on the task's row; an operator would simply try again
        await().atMost(Duration.ofSeconds(30)).ignoreException(OptimisticLockingException.class).until(() -> {
            processEngine.getRuntimeService().deleteProcessInstance(run.getId(), "deleted by an operator");
            return true;
        });

        awaitWarning("interrupting the item");
        awaitWarning("stopped");
        assertThatTheWorkerStillBacksUpItems();
    }

    private void assertThatTheWorkerStillBacksUpItems() {
        ProcessInstance next = start(NEXT_SET_ID);
        await().atMost(Duration.ofSeconds(30)).until(() -> processEngine.getExternalTaskService().createExternalTaskQuery()
                .processInstanceId(next.getId()).count() == 0);
        assertThat(log.list).as("nothing logged as an error").noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
    }

    private ProcessInstance start(String setId) {
        when(service.prepare(any(), any())).thenReturn(new BackupService.PreparedRun(setId, 1));
        Mocks.register("admitBackupRunDelegate", BackupCycleProcessTest.admitEveryRun());
        Mocks.register("prepareBackupSetDelegate", new PrepareBackupSetDelegate(service, BackupCycleProcessTest.properties(1)));
        ProcessInstance pi = processEngine.getRuntimeService().startProcessInstanceByKey(BackupProcess.KEY);
        Job prepare = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
        processEngine.getManagementService().executeJob(prepare.getId());
        return pi;
    }

    private void startWorker(Duration lock) {
        BackupProperties properties = new BackupProperties(Path.of("unused"), "", "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(2, Duration.ZERO),
                new BackupProperties.Worker(true, 1, 1, lock, Duration.ofMillis(50)));
        worker = new ExternalTaskWorkers(processEngine.getExternalTaskService(), processEngine.getRuntimeService(),
                processEngine.getRepositoryService()).worker(BackupItemHandler.settings(properties),
                new BackupItemHandler(service));
        worker.start();
    }

    private void awaitWarning(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> warning(text) != null);
    }

    private String warning(String text) {
        List<ILoggingEvent> events = List.copyOf(log.list);
        return events.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text)).findFirst().orElse(null);
    }
}
