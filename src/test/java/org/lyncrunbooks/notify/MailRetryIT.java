package org.lyncrunbooks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.testsupport.Smtp;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reliability scenario 16, one node: the SMTP server is down when a task appears; the process goes on at once, the
 * mail is retried with back-off and goes out once when the server is back. A mail that still fails after its
 * attempts turns the {@code notifications} health component DOWN until a mail goes out again.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1",
        "lync.notify.mail.attempts=4",
        "lync.notify.mail.backoff=PT0.4S",
        "lync.notify.mail.max-backoff=PT1S",
        "lync.notify.health-check-interval=PT1H"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailRetryIT {

    static final Smtp SMTP = new Smtp();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP.port);
    }

    @AfterAll
    static void stopMailServer() {
        SMTP.stop();
    }

    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    RepositoryService repository;
    @Autowired
    javax.sql.DataSource dataSource;
    @LocalServerPort
    int port;

    @BeforeAll
    static void deploy(@Autowired RepositoryService repository) {
        repository.createDeployment().addString("notify-retry.bpmn", TestProcesses.process("notify-retry",
                "Retried task", "lync-operators", null, false)).deploy();
    }

    @Test
    @Order(1)
    void aMailWaitsForTheServerAndGoesOutOnceWhenItIsBack() {
        runtime.startProcessInstanceByKey("notify-retry", "first");
        Task task = tasks.createTaskQuery().processInstanceBusinessKey("first").singleResult();
        assertThat(task).as("the process did not wait for the mail").isNotNull();

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(task) >= 2);
        SMTP.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.withSubject("Task: Retried task").size() == 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> SMTP.withSubject("Task: Retried task").size() == 1);
        assertThat(health().path("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void aMailThatFailsAfterItsAttemptsShowsInTheNotificationsHealthUntilOneGoesOut() {
        SMTP.stop();
        runtime.startProcessInstanceByKey("notify-retry", "second");

        await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(health().path("status").asText()));
        JsonNode down = health();
        assertThat(down.path("details").path("failedSinceLastSent").asInt()).isEqualTo(1);
        assertThat(down.path("details").path("lastFailure").path("subject").asText()).startsWith("Task: Retried task")
                .contains("second");
        Task second = tasks.createTaskQuery().processInstanceBusinessKey("second").singleResult();
        assertThat(attempts(second)).isEqualTo(4);

        SMTP.start();
        runtime.startProcessInstanceByKey("notify-retry", "third");
        await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(health().path("status").asText()));
        assertThat(SMTP.withSubject("Task: Retried task")).hasSize(1).allSatisfy(m ->
                assertThat(Smtp.subject(m)).contains("third"));
    }

    private int attempts(Task task) {
        List<Integer> attempts = new JdbcTemplate(dataSource).queryForList(
                "SELECT ATTEMPTS FROM " + NotificationLog.TABLE + " WHERE DEDUP_KEY = ?", Integer.class, "task:" + task.getId());
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private JsonNode health() {
        try {
            return JSON.readTree(new LabHttp("http://localhost:" + port).get("lab-manager", "/actuator/health/notifications").body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
