package org.lyncrunbooks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.backup.BackupVariables;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.lyncrunbooks.testsupport.LabWork;
import org.lyncrunbooks.testsupport.Smtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who gets which mail, on the lab farm with the real engine and a real SMTP server (GreenMail): the backup health
 * turning DOWN and UP once per transition however often it is probed, a failed backup's review task to the operators
 * (and their extra address) with a link that opens the task, the abandoned run to operators and managers, an
 * escalation to the managers, and nothing for a step that rolled back.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1",
        "lync.security.public-url=" + NotificationMailIT.PUBLIC_URL,
        "lync.notify.mail.extra-recipients.lync-operators=oncall@contoso.com",
        "lync.notify.mail.from=lync-runbooks@contoso.com",
        "lync.notify.health-check-interval=PT0.2S"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationMailIT {

    static final String PUBLIC_URL = "https://lync-runbooks.contoso.local";
    static final String OPERATOR = "lab-operator@lab.contoso.local";
    static final String MANAGER = "lab-manager@lab.contoso.local";
    static final String ONCALL = "oncall@contoso.com";
    static final Path WORK = LabWork.folder(NotificationMailIT.class);
    static final Path MONITORING = WORK.resolve("lab/sql/mon01.lab.contoso.local_archmon");
    static final Path MONITORING_AWAY = WORK.resolve("mon01-moved-away");
    static final Smtp SMTP = new Smtp().start();
    static final WebhookReceiver WEBHOOK = new WebhookReceiver();

    @DynamicPropertySource
    static void mailServerAndWebhook(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP.port);
        registry.add("lync.notify.webhook.url", WEBHOOK::url);
    }

    @AfterAll
    static void stopMailServerAndWebhook() {
        SMTP.stop();
        WEBHOOK.stop();
    }

    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void theBackupHealthTurningDownIsMailedOnceHoweverOftenItIsProbed() {
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.withSubject("Backup health DOWN").size() == 1);
        // the health is probed every 0.2 s and stays DOWN: still one mail a second and a half later
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> SMTP.withSubject("Backup health DOWN").size() == 1);
        MimeMessage down = SMTP.withSubject("Backup health DOWN").get(0);
        assertThat(Smtp.to(down)).containsExactlyInAnyOrder(OPERATOR, MANAGER, ONCALL);
        assertThat(Smtp.part(down, "text/plain")).contains("no good published backup set")
                .contains(PUBLIC_URL + "/actuator/health/backup");
        await().atMost(Duration.ofSeconds(20)).until(() -> WEBHOOK.of("backup-health-down").size() == 1);
        assertThat(WEBHOOK.of("backup-health-down").get(0).path("dedupKey").asText()).isEqualTo("backup-health");
        assertThat(WEBHOOK.of("backup-health-down").get(0).path("action").asText()).isEqualTo("trigger");
    }

    @Test
    @Order(2)
    void aPublishedBackupBringsTheHealthBackUpWithOneMail() {
        String setId = ended(runtime.startProcessInstanceByKey(BackupProcess.KEY)).getBusinessKey();

        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.withSubject("Backup health UP again").size() == 1);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                .until(() -> SMTP.withSubject("Backup health UP again").size() == 1);
        MimeMessage up = SMTP.withSubject("Backup health UP again").get(0);
        assertThat(Smtp.to(up)).containsExactlyInAnyOrder(OPERATOR, MANAGER, ONCALL);
        assertThat(Smtp.part(up, "text/plain")).contains(setId);
        assertThat(SMTP.withSubject("Backup health DOWN")).hasSize(1);
        assertThat(SMTP.withSubject("Finished:")).as("a nightly backup is not announced").isEmpty();
        // the webhook resolves what the DOWN opened, and hears of the run that succeeded
        await().atMost(Duration.ofSeconds(20)).until(() -> WEBHOOK.of("backup-health-up").size() == 1);
        assertThat(WEBHOOK.of("backup-health-up").get(0).path("dedupKey").asText()).isEqualTo("backup-health");
        assertThat(WEBHOOK.of("backup-health-up").get(0).path("action").asText()).isEqualTo("resolve");
        await().atMost(Duration.ofSeconds(20)).until(() -> WEBHOOK.of("process-succeeded").size() == 1);
        assertThat(WEBHOOK.of("process-succeeded").get(0).path("action").asText()).isEqualTo("resolve");
    }

    @Test
    @Order(3)
    void aFailedBackupMailsTheOperatorsALinkThatOpensTheReviewTask() throws Exception {
        Files.move(MONITORING, MONITORING_AWAY);
        try {
            ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
            Task review = await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
                    .processInstanceId(run.getId()).singleResult(), t -> t != null);
            String setId = runtime.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();

            List<MimeMessage> mails = await().atMost(Duration.ofSeconds(20))
                    .until(() -> SMTP.withSubject("Task: Review failed backup"), m -> m.size() == 1);
            MimeMessage mail = mails.get(0);
            assertThat(Smtp.subject(mail)).contains(setId);
            assertThat(Smtp.to(mail)).as("the operators and their extra address, nobody else")
                    .containsExactlyInAnyOrder(OPERATOR, ONCALL);
            assertThat(mail.getFrom()[0].toString()).isEqualTo("lync-runbooks@contoso.com");
            String link = PUBLIC_URL + "/camunda/app/tasklist/default/#/?task=" + review.getId();
            assertThat(Smtp.part(mail, "text/plain")).contains(link).contains("lync-operators");
            assertThat(Smtp.part(mail, "text/html")).contains("<a href=\"" + link.replace("&", "&amp;") + "\">");
            assertThat(Smtp.part(mail, "text/plain")).as("no variable content in a mail")
                    .doesNotContain("network-related");
            // the link's page is Tasklist on this application (behind its public URL)
            LabHttp http = new LabHttp("http://localhost:" + port);
            HttpResponse<String> tasklist = http.send(null, http.request(link.substring(PUBLIC_URL.length(),
                    link.indexOf('#'))).GET());
            assertThat(tasklist.statusCode()).isEqualTo(200);
            assertThat(tasklist.body()).contains("Tasklist");

            tasks.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_ABANDON,
                    BackupVariables.ABANDON_REASON, "the Monitoring server is being replaced"));
            ended(run);
            List<MimeMessage> failed = await().atMost(Duration.ofSeconds(20))
                    .until(() -> SMTP.withSubject("Failed: "), m -> m.size() == 1);
            assertThat(Smtp.subject(failed.get(0))).contains(setId).contains("Backup abandoned");
            assertThat(Smtp.to(failed.get(0))).containsExactlyInAnyOrder(OPERATOR, MANAGER, ONCALL);
            assertThat(Smtp.part(failed.get(0), "text/plain")).as("the reason typed in is not mailed")
                    .doesNotContain("being replaced");
            // one incident for the run: the review task and the abandoned end share the run's dedupKey
            await().atMost(Duration.ofSeconds(20)).until(() -> WEBHOOK.of("process-failed").size() == 1);
            assertThat(WEBHOOK.of("task-created")).anySatisfy(call -> {
                assertThat(call.path("dedupKey").asText()).isEqualTo(run.getId());
                assertThat(call.path("action").asText()).isEqualTo("trigger");
                assertThat(call.path("link").asText()).isEqualTo(link);
            });
            assertThat(WEBHOOK.of("process-failed").get(0).path("dedupKey").asText()).isEqualTo(run.getId());
            assertThat(WEBHOOK.of("process-failed").get(0).path("action").asText()).isEqualTo("trigger");
        } finally {
            Files.move(MONITORING_AWAY, MONITORING);
        }
    }

    @Test
    @Order(4)
    void aStepThatRollsBackSendsNothing() {
        repository.createDeployment().addString("notify-rollback.bpmn", TestProcesses.process("notify-rollback", "Rolled back task",
                "lync-operators", null, true)).deploy();
        repository.createDeployment().addString("notify-commit.bpmn", TestProcesses.process("notify-commit", "Committed task",
                "lync-operators", null, false)).deploy();

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("notify-rollback", "rollback-1"))
                .hasMessageContaining("noSuchBean");
        assertThat(tasks.createTaskQuery().processDefinitionKey("notify-rollback").count()).isZero();
        runtime.startProcessInstanceByKey("notify-commit", "commit-1");

        // mails go out one after the other: once the later one is here, the rolled-back one would have been too
        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.withSubject("Task: Committed task").size() == 1);
        assertThat(SMTP.withSubject("Task: Rolled back task")).isEmpty();
    }

    @Test
    @Order(5)
    void anEscalationGoesToItsGroupAndTheManagers() {
        repository.createDeployment().addString("notify-escalation.bpmn", TestProcesses.process("notify-escalation",
                "Review escalation", "lync-dba", "escalation", false)).deploy();
        runtime.startProcessInstanceByKey("notify-escalation", "sql01.lab.contoso.local");

        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(20))
                .until(() -> SMTP.withSubject("Escalation: Review escalation"), m -> m.size() == 1);
        assertThat(Smtp.subject(mails.get(0))).contains("sql01.lab.contoso.local");
        assertThat(Smtp.to(mails.get(0))).containsExactlyInAnyOrder("lab-dba@lab.contoso.local", MANAGER);
    }

    @Test
    @Order(6)
    void aMarkOfAnUnknownKindIsRefusedAtDeploymentNamingTheElement() {
        assertThatThrownBy(() -> repository.createDeployment().addString("notify-typo.bpmn", TestProcesses.process(
                "notify-typo", "Typo task", "lync-operators", "finished", false)).deploy())
                .hasMessageContaining("UserTask_Work").hasMessageContaining("lync.signal")
                .hasMessageContaining("not 'finished'");
    }

    @Test
    @Order(7)
    void aJobThatFailsAfterItsRetriesMailsTheFailureGroupsOnce() {
        repository.createDeployment().addString("notify-incident.bpmn", """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Incident" targetNamespace="http://test">
                  <bpmn:process id="notify-incident" name="Incident test" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started" name="Started"/>
                    <bpmn:sequenceFlow id="Flow_ToStep" sourceRef="StartEvent_Started" targetRef="ServiceTask_Step"/>
                    <bpmn:serviceTask id="ServiceTask_Step" name="Copy the file store" camunda:asyncBefore="true"
                        camunda:expression="${noSuchBean.fail()}">
                      <bpmn:extensionElements>
                        <camunda:failedJobRetryTimeCycle>R1/PT0.1S</camunda:failedJobRetryTimeCycle>
                      </bpmn:extensionElements>
                    </bpmn:serviceTask>
                  </bpmn:process>
                </bpmn:definitions>
                """.strip()).deploy();
        ProcessInstance run = runtime.startProcessInstanceByKey("notify-incident", "fs01.lab.contoso.local");

        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(60))
                .until(() -> SMTP.withSubject("Incident: Incident test"), m -> m.size() == 1);
        assertThat(Smtp.subject(mails.get(0))).isEqualTo("Incident: Incident test fs01.lab.contoso.local — Copy the file store");
        assertThat(Smtp.to(mails.get(0))).containsExactlyInAnyOrder(OPERATOR, MANAGER, ONCALL);
        assertThat(Smtp.part(mails.get(0), "text/plain")).as("no exception text in a mail").doesNotContain("noSuchBean");
        await().atMost(Duration.ofSeconds(20)).until(() -> WEBHOOK.of("incident").stream()
                .anyMatch(call -> call.path("dedupKey").asText().equals(run.getId())));
    }

    private HistoricProcessInstance ended(ProcessInstance run) {
        return await().atMost(Duration.ofMinutes(2)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(run.getId()).singleResult(), p -> p != null && p.getEndTime() != null);
    }
}
