package org.lyncrunbooks.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.recovery.RecoveryVariables;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The people's journeys where they happen, in Tasklist and Cockpit, in headless Chromium: an operator, a DBA and a
 * manager recover the lab's Central Management store host through the UI alone, and a manager watches the recovery
 * in Cockpit. Outcomes are asserted through the engine (tasks really completed, variables really set), and every
 * page visited is saved under {@code target/screenshots/}.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=40"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryJourneyBrowserIT {

    static final String CMS_HOST = "be01.lab.contoso.local";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;

    @Test
    @Order(1)
    void anOperatorSeesWhyAStartIsRefused() {
        backUp();
        try (Browser operator = Browser.open(base())) {
            journey(operator, () -> {
                operator.login("tasklist", "lab-operator");
                operator.screenshot("tasklist-operator");
                startRecovery(operator, "exchange01.lab.contoso.local");
                operator.waitFor(By.xpath("//*[contains(text(),'is not a server of the topology')]"));
                operator.screenshot("start-refused");
            });
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).count()).isZero();
    }

    @Test
    @Order(2)
    void operatorsADbaAndAManagerRecoverTheCmsHostThroughTheUiAlone() throws Exception {
        Map<String, Object> before = Map.of("xds", farm.tables(new SqlStoreRef(CMS_HOST, "rtc"), "xds"),
                "rtcxds", farm.tables(new SqlStoreRef(CMS_HOST, "rtc"), "rtcxds"));
        farm.destroyServer(CMS_HOST);

        try (Browser operator = Browser.open(base()); Browser manager = Browser.open(base()); Browser dba = Browser.open(base())) {
            journey(operator, () -> {
                operator.login("tasklist", "lab-operator");
                startRecovery(operator, CMS_HOST);
                operator.screenshot("recovery-started");
            });
            ProcessInstance recovery = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                    .processDefinitionKey(RecoveryProcess.KEY).processInstanceBusinessKey(CMS_HOST).singleResult(), pi -> pi != null);

            journey(manager, () -> {
                manager.login("tasklist", "lab-manager");
                manager.openTask("Approve data-loss window");
                manager.waitFor(By.xpath("//*[contains(text(),'will be lost')]"));
                manager.screenshot("tasklist-approve-data-loss-window");
                manager.clickText("Approve: restore from this set and accept the data-loss window");
                manager.field("approvalNote").sendKeys("one night of changes is acceptable");
                manager.button("Complete");
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(historicVariable(recovery, RecoveryVariables.DATA_LOSS_APPROVED)).isEqualTo(true));

            journey(operator, () -> {
                operator.openTask("Prepare clean server");
                operator.screenshot("tasklist-prepare-clean-server");
                operator.driver.findElement(By.cssSelector("input[type='checkbox']")).click();
                operator.button("Complete");
                operator.openTask("Restore certificates");
                operator.waitFor(By.xpath("//*[contains(text(),'Restore or re-enroll the certificates')]"));
                operator.screenshot("tasklist-restore-certificates");
                operator.button("Complete");
            });
            journey(dba, () -> {
                dba.login("tasklist", "lab-dba");
                dba.openTask("Install SQL Server");
                dba.screenshot("tasklist-install-sql-server");
                dba.clickText("SQL Server 2012");
                dba.button("Complete");
            });
            journey(manager, () -> {
                // one login serves all webapps: the manager is still logged in from Tasklist
                manager.driver.get(base() + "/camunda/app/cockpit/default/#/process-instance/" + recovery.getId() + "/runtime");
                manager.waitFor(By.cssSelector(".djs-container svg"));
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        manager.driver.findElements(By.cssSelector(".djs-element")).size() > 10);
                manager.screenshot("cockpit-recovery-diagram");
                assertThat(manager.text()).contains("Recover a Lync server");
            });
            journey(operator, () -> {
                operator.openTask("Confirm services and sign-in");
                for (WebElement box : operator.driver.findElements(By.cssSelector("input[type='checkbox']"))) {
                    box.click();
                }
                operator.field("testUserSipUri").sendKeys("sip:user0001@lab.contoso.local", Keys.TAB);
                operator.screenshot("tasklist-confirm-services");
                operator.button("Complete");
                operator.openTask("Review recovery report");
                WebElement summary = operator.field("recoveryReportSummary");
                await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(summary.getDomProperty("value")).contains("Achieved RPO"));
                operator.screenshot("tasklist-recovery-report");
                operator.button("Complete");
            });

            HistoricProcessInstance done = await().atMost(Duration.ofMinutes(1)).until(() -> history
                    .createHistoricProcessInstanceQuery().processInstanceId(recovery.getId()).singleResult(), pi -> pi.getEndTime() != null);
            assertThat(done.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
            assertThat(history.createHistoricTaskInstanceQuery().rootProcessInstanceId(recovery.getId())
                    .taskDefinitionKey(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER).list())
                    .extracting(HistoricTaskInstance::getAssignee).containsExactly("lab-dba");
            assertThat(historicVariable(recovery, RecoveryVariables.TEST_USER_SIP_URI)).isEqualTo("sip:user0001@lab.contoso.local");
            assertThat(Map.of("xds", farm.tables(new SqlStoreRef(CMS_HOST, "rtc"), "xds"),
                    "rtcxds", farm.tables(new SqlStoreRef(CMS_HOST, "rtc"), "rtcxds"))).isEqualTo(before);
        }
    }

    private void startRecovery(Browser operator, String fqdn) {
        operator.clickText("Start process");
        operator.clickText("Recover a Lync server");
        operator.field("failedServerFqdn").sendKeys(fqdn);
        operator.field("incidentReference").sendKeys("INC-4711");
        operator.screenshot("tasklist-start-recovery-form");
        operator.button("Start");
    }

    /** Runs a piece of a journey; on failure the page is saved as a screenshot before the failure is rethrown. */
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

    private void backUp() {
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        await().atMost(Duration.ofMinutes(2)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(run.getId()).singleResult().getEndTime() != null);
    }

    private Object historicVariable(ProcessInstance pi, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
                .singleResult().getValue();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
