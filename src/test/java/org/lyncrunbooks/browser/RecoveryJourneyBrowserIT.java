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
 * in Cockpit. On the way they make the mistakes tired people make: starting a server that still answers, starting
 * the same recovery twice, completing a decision without choosing, stopping a recovery without a reason — each is
 * refused with its reason and nothing is decided for them. Tasks carry the server's name, and the Deployment
 * Wizard's steps read as four lines. Outcomes are asserted through the engine (tasks really completed, variables
 * really set), and every page visited is saved under {@code target/screenshots/}.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=40"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryJourneyBrowserIT {

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
    LabFarm farm;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

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
                // a server that still answers is not recovered without a reason to rebuild it anyway
                operator.driver.navigate().refresh();
                operator.waitFor(By.xpath("//*[contains(text(),\"My groups' tasks\")]"));
                startRecovery(operator, "fe01.lab.contoso.local");
                operator.waitFor(By.xpath("//*[contains(text(),'fe01.lab.contoso.local still answers')]"));
                operator.screenshot("tasklist-start-still-answers");
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
            journey(operator, () -> {
                // the same server again, in other letters: refused with the running recovery and where it waits
                operator.driver.navigate().refresh();
                operator.waitFor(By.xpath("//*[contains(text(),\"My groups' tasks\")]"));
                startRecovery(operator, CMS_HOST.toUpperCase());
                operator.waitFor(By.xpath("//*[contains(text(),'is already running: " + recovery.getId() + "')]"));
                operator.screenshot("tasklist-start-already-running");
                operator.button("Close");
            });
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).count()).isEqualTo(1);

            journey(manager, () -> {
                manager.login("tasklist", "lab-manager");
                // the task list says which server the task is about
                manager.openTask("Approve data-loss window — " + CMS_HOST);
                manager.waitFor(By.xpath("//*[contains(text(),'may be lost')]"));
                assertThat(manager.driver.findElements(By.cssSelector("input[type='radio']")))
                        .as("no decision is preselected").hasSize(2).noneMatch(WebElement::isSelected);
                manager.screenshot("tasklist-approve-data-loss-window");
                // Complete without a decision: the form says what is missing, the task stays
                manager.button("Complete");
                manager.waitFor(By.cssSelector(".fjs-form-field-error"));
                assertThat(tasks.createTaskQuery().processInstanceId(recovery.getId())
                        .taskDefinitionKey(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW).count()).isEqualTo(1);
                // stopping the recovery asks why
                manager.clickText("Do not approve: stop this recovery");
                manager.field("notApprovedReason");
                manager.button("Complete");
                manager.waitFor(By.xpath("//*[contains(@class,'fjs-form-field-error')]"));
                manager.screenshot("tasklist-stop-needs-a-reason");
                assertThat(tasks.createTaskQuery().processInstanceId(recovery.getId())
                        .taskDefinitionKey(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW).count()).isEqualTo(1);
                // the manager starts to write why, then thinks again and approves
                manager.field("notApprovedReason").sendKeys("not sure yet");
                manager.clickText("Approve: restore from this set and accept the data-loss window");
                manager.field("approvalNote").sendKeys("one night of changes is acceptable");
                manager.button("Complete");
            });
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(historicVariable(recovery, RecoveryVariables.DATA_LOSS_APPROVED)).isEqualTo(true));

            journey(operator, () -> {
                operator.openTask("Prepare clean server — " + CMS_HOST);
                operator.screenshot("tasklist-prepare-clean-server");
                operator.driver.findElement(By.cssSelector("input[type='checkbox']")).click();
                operator.button("Complete");
                operator.openTask("Restore certificates — " + CMS_HOST);
                operator.waitFor(By.xpath("//*[contains(text(),'Restore or re-enroll the certificates')]"));
                operator.screenshot("tasklist-restore-certificates");
                operator.button("Complete");
            });
            journey(dba, () -> {
                dba.login("tasklist", "lab-dba");
                dba.openTask("Install SQL Server — " + CMS_HOST);
                dba.screenshot("tasklist-install-sql-server");
                dba.clickText("SQL Server 2012");
                dba.button("Complete");
            });
            journey(manager, () -> {
                // one login serves all webapps: the manager is still logged in from Tasklist
                // Cockpit's first load on a busy machine can hang at its spinner: a person reloads the page
                String instancePage = base() + "/camunda/app/cockpit/default/#/process-instance/" + recovery.getId() + "/runtime";
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    manager.driver.get(instancePage);
                    manager.driver.navigate().refresh();
                    try {
                        new org.openqa.selenium.support.ui.WebDriverWait(manager.driver, Duration.ofSeconds(45))
                                .until(d -> d.findElements(By.cssSelector(".djs-container svg")).isEmpty() ? null : true);
                        return true;
                    } catch (org.openqa.selenium.TimeoutException stillLoading) {
                        return false;
                    }
                });
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        manager.driver.findElements(By.cssSelector(".djs-element")).size() > 10);
                manager.screenshot("cockpit-recovery-diagram");
                assertThat(manager.text()).contains("Recover a Lync server");
            });
            journey(operator, () -> {
                operator.openTask("Confirm services and sign-in — " + CMS_HOST);
                for (WebElement box : operator.driver.findElements(By.cssSelector("input[type='checkbox']"))) {
                    box.click();
                }
                operator.field("testUserSipUri").sendKeys("sip:user0001@lab.contoso.local", Keys.TAB);
                operator.screenshot("tasklist-confirm-services");
                operator.button("Complete");
                operator.openTask("Review recovery report — " + CMS_HOST);
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

    @Test
    @Order(3)
    void theDeploymentWizardsStepsReadAsFourLinesInPlainWords() {
        farm.destroyServer(FRONT_END);
        identity.setAuthentication("lab-operator", java.util.List.of("lync-operators"));
        String recoveryId;
        try {
            recoveryId = runtime.startProcessInstanceByKey(RecoveryProcess.KEY, Map.of(RecoveryVariables.FAILED_SERVER_FQDN,
                    FRONT_END, RecoveryVariables.INCIDENT_REFERENCE, "INC-4712")).getId();
        } finally {
            identity.clearAuthentication();
        }
        new org.lyncrunbooks.recovery.LabCrew(tasks, identity, history).workUntil(FRONT_END, recoveryId,
                RecoveryProcess.MemberServer.USER_TASK_RUN_DEPLOYMENT_WIZARD, Duration.ofMinutes(2), task -> { });

        try (Browser operator = Browser.open(base())) {
            journey(operator, () -> {
                operator.login("tasklist", "lab-operator");
                operator.openTask("Run Deployment Wizard — " + FRONT_END);
                WebElement steps = operator.waitFor(By.xpath("//ol[li[normalize-space()='Install Local Configuration Store']]"));
                assertThat(steps.findElements(By.tagName("li"))).extracting(WebElement::getText).containsExactly(
                        "Install Local Configuration Store", "Setup or Remove Lync Server Components",
                        "Request, Install or Assign Certificates", "Start Services");
                String form = operator.driver.findElement(By.cssSelector(".fjs-container")).getText();
                assertThat(form).doesNotContainPattern("\\b[DRPH][0-9]{1,2}\\b").doesNotContain("Edge server");
                operator.screenshot("tasklist-run-deployment-wizard");
                operator.button("Complete");
            });
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().processInstanceId(recoveryId)
                .taskDefinitionKey(RecoveryProcess.MemberServer.USER_TASK_RUN_DEPLOYMENT_WIZARD).count() == 0
                && history.createHistoricTaskInstanceQuery().rootProcessInstanceId(recoveryId)
                .taskDefinitionKey(RecoveryProcess.MemberServer.USER_TASK_RUN_DEPLOYMENT_WIZARD).finished().count() == 1);
        assertThat(farm.serverState(FRONT_END).componentsInstalled()).isTrue();
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
