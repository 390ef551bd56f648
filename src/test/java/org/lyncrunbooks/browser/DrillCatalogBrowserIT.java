package org.lyncrunbooks.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.drill.DrillCatalog;
import org.lyncrunbooks.drill.DrillProcess;
import org.lyncrunbooks.lab.DatabaseDamage;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A manager reads in Cockpit, in headless Chromium, which backup sets a restore drill proved restorable — when, and
 * how long the restores took — and which drill failed and why; and, on the recovery timeline, the machine time each
 * recovery procedure would take from the newest proven set next to the RTO target. What the pages show is compared
 * with the drills' records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DrillCatalogBrowserIT {

    static final Path WORK = createWork();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lync.lab.directory", () -> WORK.resolve("lab").toString());
        registry.add("lync.lab.users-per-pool", () -> "15");
        registry.add("lync.lab.files-per-store", () -> "40");
        registry.add("lync.backup.root", () -> WORK.resolve("backups").toString());
        registry.add("lync.backup.worker.poll-interval", () -> "PT0.1S");
        registry.add("lync.drill.scratch-folder", () -> WORK.resolve("drill-scratch").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:drill-catalog-browser-it;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;
    @Autowired
    DrillCatalog drills;

    @Test
    void aManagerSeesWhichSetsAreProvenRestorableAndWhyADrillFailed() {
        String proven = backUp();
        drill(false);
        farm.damageDatabase(new SqlStoreRef("mon01.lab.contoso.local", "archmon"), "QoEMetrics", DatabaseDamage.BROKEN_INDEX);
        String damaged = backUp();
        drill(true);
        String notDrilled = backUp();
        DrillCatalog.Summary passed = drills.forSets(List.of(proven)).get(proven);

        try (Browser manager = Browser.open("http://localhost:" + port)) {
            try {
                manager.login("cockpit", "lab-manager");
                manager.click(By.linkText("Backup catalog"));
                manager.waitFor(By.cssSelector("table.lync-sets td.lync-drill"));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                        drillCell(manager, proven).contains("proven restorable"));

                assertThat(drillCell(manager, proven)).contains("proven restorable")
                        .contains("restores took").doesNotContain("drill failed");
                assertThat(drillCell(manager, damaged)).contains("drill failed")
                        .contains("sql:mon01.lab.contoso.local_archmon:QoEMetrics: Failed: DBCC CHECKDB found errors in the "
                                + "restored copy of QoEMetrics: Msg 2512: Table error");
                assertThat(drillCell(manager, notDrilled)).isEqualTo("not drilled");
                assertThat(manager.driver.findElement(By.cssSelector(".lync-newest-proven")).getText()).isEqualTo(proven);
                assertThat(passed.state()).isEqualTo(DrillCatalog.State.PASSED);
                manager.screenshot("cockpit-backup-catalog-drills");

                manager.click(By.linkText("Recovery timeline"));
                WebElement cms = manager.waitFor(By.cssSelector("tr.lync-estimate-row[data-server='be01.lab.contoso.local']"));
                assertThat(cms.getText()).contains("R4").contains("≈").contains("RTO target 8 h");
                assertThat(manager.driver.findElement(By.cssSelector(".lync-machine-time")).getText())
                        .contains("drill of set " + proven);
                manager.screenshot("cockpit-recovery-timeline-machine-time");
            } catch (RuntimeException | AssertionError e) {
                Path shot = manager.screenshot("FAILED-drills");
                throw new AssertionError("failed at " + manager.driver.getCurrentUrl() + " (screenshot " + shot + "): " + e, e);
            }
        }
    }

    private static String drillCell(Browser browser, String setId) {
        return browser.driver.findElement(By.cssSelector("tr.lync-set[data-set='" + setId + "'] td.lync-drill")).getText();
    }

    private String backUp() {
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        await().atMost(Duration.ofMinutes(2)).until(() -> ended(run.getId()));
        return history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    /** Drills the set CURRENT names until it passes, or until it waits for the operators' review. */
    private void drill(boolean fails) {
        ProcessInstance drill = runtime.startProcessInstanceByKey(DrillProcess.KEY, Map.of());
        await().atMost(Duration.ofMinutes(3)).until(() -> fails
                ? !runtime.createProcessInstanceQuery().processInstanceId(drill.getId())
                .activityIdIn(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL).list().isEmpty()
                : ended(drill.getId()));
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    private static Path createWork() {
        try {
            return Files.createTempDirectory("drill-catalog-browser-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
