package org.lyncrunbooks.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.backup.BackupVariables;
import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.recovery.LabCrew;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.recovery.RecoveryService;
import org.lyncrunbooks.recovery.RecoveryVariables;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A manager's journey through the manager's views in Cockpit, in headless Chromium: log in to Cockpit, follow the
 * top bar's link to the recovery timeline, read a finished recovery's steps with who did them and its RPO and RTO
 * next to a recovery still running, then the backup catalog with a published set, a set that failed verification
 * and a run in progress whose progress moves on the page until it is published. What the pages show is compared with
 * the engine's history and the backup share.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=40"})
class ManagerViewsBrowserIT {

    static final String CMS_HOST = "be01.lab.contoso.local";
    static final String FRONT_END = "fe02.lab.contoso.local";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    RecoveryService recoveryService;
    @Autowired
    BackupShare share;
    @Autowired
    LabFarm farm;

    @Test
    void aManagerReadsTheRecoveryTimelineAndTheBackupCatalogInCockpit() throws Exception {
        // given: a set found corrupted when a recovery verified it, a good CURRENT set, a finished recovery of the
        // CMS host done by each person, a recovery of a Front End still waiting for an operator, and a backup run
        // in progress one of whose items another node holds
        String corrupted = backUp();
        corrupt(corrupted);
        assertThatThrownBy(() -> recoveryService.verifySet(corrupted)).hasMessageContaining("does not match its manifest");
        String good = backUp();
        farm.destroyServer(CMS_HOST);
        String finished = recover(CMS_HOST, null);
        farm.destroyServer(FRONT_END);
        String running = recover(FRONT_END, RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER);
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        String runningSet = await().atMost(Duration.ofMinutes(1)).until(
                () -> (String) runtime.getVariable(run.getId(), BackupVariables.BACKUP_SET_ID), id -> id != null);
        LockedExternalTask held = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                externalTasks.fetchAndLock(1, "lync-runbooks-node-2").topic(BackupProcess.TOPIC_BACKUP_ITEM, 600_000)
                        .businessKey(runningSet).variables(BackupVariables.ITEM_INDEX).localVariables().execute(),
                l -> !l.isEmpty()).get(0);
        int itemCount = ((Number) runtime.getVariable(run.getId(), BackupVariables.ITEM_COUNT)).intValue();
        // the held item's lane takes its items one after the other: the held one and those after it in its lane wait
        int heldIndex = BackupVariables.readInt(held.getVariables().get(BackupVariables.ITEM_INDEX), BackupVariables.ITEM_INDEX);
        int laneCount = ((Number) runtime.getVariable(run.getId(), BackupVariables.LANE_COUNT)).intValue();
        int itemsDone = itemCount - (itemCount - heldIndex + laneCount - 1) / laneCount;
        await().atMost(Duration.ofMinutes(2)).until(() ->
                externalTasks.createExternalTaskQuery().processInstanceId(run.getId()).count() == 1);

        try (Browser manager = Browser.open(base())) {
            journey(manager, () -> {
                manager.login("cockpit", "lab-manager");
                // the dashboard's tile names the newest good set
                assertThat(manager.waitFor(By.cssSelector(".lync-tile b")).getText()).isEqualTo(good);
                manager.screenshot("cockpit-dashboard");
                manager.click(By.linkText("Recovery timeline"));
                manager.waitFor(By.cssSelector("table.lync-recoveries"));

                // newest first: the running recovery, then the finished one
                List<WebElement> rows = manager.driver.findElements(By.cssSelector("table.lync-recoveries tr.lync-row"));
                assertThat(rows).extracting(r -> r.getDomAttribute("data-id")).containsExactly(running, finished);
                assertThat(rows.get(0).getText()).contains(FRONT_END).contains("running").contains("waiting at Prepare clean server");
                assertThat(rows.get(1).getText()).contains(CMS_HOST).contains("recovered").contains(good);

                rows.get(1).click();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> manager.driver
                        .findElement(By.cssSelector(".lync-detail-title")).getText().startsWith(CMS_HOST + " — R4"));
                List<HistoricTaskInstance> done = history.createHistoricTaskInstanceQuery().rootProcessInstanceId(finished).list();
                long automated = history.createHistoricActivityInstanceQuery().activityType("serviceTask").finished().list()
                        .stream().filter(a -> a.getRootProcessInstanceId().equals(finished)).count();
                List<WebElement> steps = manager.driver.findElements(By.cssSelector("table.lync-steps tr.lync-step"));
                assertThat(steps).hasSize(done.size() + (int) automated);
                assertThat(manager.driver.findElements(By.cssSelector("table.lync-steps td.lync-who")))
                        .extracting(WebElement::getText).anyMatch(who -> who.startsWith("lab-dba"))
                        .anyMatch(who -> who.startsWith("lab-manager")).anyMatch(who -> who.startsWith("lab-operator"));
                HistoricTaskInstance sql = done.stream().filter(t -> t.getTaskDefinitionKey()
                        .equals(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER)).findFirst().orElseThrow();
                assertThat(steps).anySatisfy(s -> assertThat(s.getText()).contains("Install SQL Server").contains(sql.getAssignee()));
                String facts = manager.driver.findElement(By.cssSelector(".lync-facts")).getText();
                assertThat(facts).contains("RPO (DATA LOST)").contains("target 1 d").contains("target 8 h")
                        .contains(good).contains("INC-4711");
                manager.screenshot("cockpit-recovery-timeline");

                manager.click(By.linkText("Backup catalog"));
                manager.waitFor(By.cssSelector("table.lync-sets"));
                List<String> onShare = share.list().stream().map(e -> e.id().toString()).toList();
                assertThat(manager.driver.findElements(By.cssSelector("table.lync-sets tr.lync-set")))
                        .extracting(r -> r.getDomAttribute("data-set")).containsExactlyElementsOf(onShare);
                assertThat(status(manager, corrupted)).isEqualTo("failed verification");
                assertThat(status(manager, good)).isEqualTo("published");
                assertThat(status(manager, runningSet)).isEqualTo("in progress");
                assertThat(manager.driver.findElement(By.cssSelector(".lync-newest-set")).getText()).isEqualTo(good);
                WebElement progress = manager.waitFor(By.cssSelector(".lync-run[data-set='" + runningSet + "']"));
                assertThat(progress.findElement(By.cssSelector(".lync-items")).getText())
                        .isEqualTo(itemsDone + " of " + itemCount + " items done");
                assertThat(progress.findElement(By.cssSelector(".lync-eta")).getText()).contains("left");
                manager.screenshot("cockpit-backup-catalog");

                // the other node gives its item back: this node's worker takes it, the run is published, and the
                // page, which polls, shows it without a reload
                externalTasks.unlock(held.getId());
                await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() ->
                        status(manager, runningSet).equals("published")
                                && manager.driver.findElement(By.cssSelector("tr.lync-set[data-set='" + runningSet + "']"))
                                .getText().contains("CURRENT"));
                assertThat(share.current()).map(Object::toString).contains(runningSet);
                assertThat(manager.driver.findElements(By.cssSelector(".lync-run"))).isEmpty();
                manager.screenshot("cockpit-backup-catalog-published");
            });
        }
        assertThat(share.list()).filteredOn(e -> e.id().toString().equals(runningSet))
                .extracting(BackupSetEntry::status).containsExactly(BackupSetEntry.Status.PUBLISHED);
    }

    private static String status(Browser browser, String setId) {
        return browser.driver.findElement(By.cssSelector("tr.lync-set[data-set='" + setId + "'] td.lync-status")).getText();
    }

    /**
     * Starts a recovery through REST as an operator and has each person do their task (the lab does the work for
     * them) until it ends, or until it waits at {@code stopAt}.
     */
    private String recover(String fqdn, String stopAt) {
        identity.setAuthentication("lab-operator", List.of("lync-operators"));
        String recoveryId;
        try {
            recoveryId = runtime.startProcessInstanceByKey(RecoveryProcess.KEY, Map.of(
                    RecoveryVariables.FAILED_SERVER_FQDN, fqdn, RecoveryVariables.BACKUP_SET_ID, "",
                    RecoveryVariables.INCIDENT_REFERENCE, "INC-4711")).getId();
        } finally {
            identity.clearAuthentication();
        }
        new LabCrew(tasks, identity, history).workUntil(fqdn, recoveryId, stopAt, Duration.ofMinutes(2), task -> { });
        return recoveryId;
    }

    private String backUp() {
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        await().atMost(Duration.ofMinutes(2)).until(() -> ended(run.getId()));
        return history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    /** Flips one byte of a file of the set, as a failing disk would. */
    private void corrupt(String setId) throws IOException {
        try (Stream<Path> files = Files.walk(share.root().resolve(setId))) {
            Path victim = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(victim);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(victim, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    private static void journey(Browser browser, ThrowingRunnable steps) {
        try {
            steps.run();
        } catch (Throwable e) {
            Path shot = browser.screenshot("FAILED");
            throw new AssertionError("journey failed at " + browser.driver.getCurrentUrl() + " (screenshot " + shot + "): " + e, e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
