package org.lyncrunbooks.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.lyncrunbooks.testsupport.LabWork;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The promise, in the lab as a person meets it: a backup fails, the lab operator finds the mail in the lab's
 * mailbox ({@code /api/lab/mail}), and the link in it opens the review task in Tasklist in a real headless Chromium.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailLinkBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WORK = LabWork.folder(MailLinkBrowserIT.class);
    static final Path MONITORING = WORK.resolve("lab/sql/mon01.lab.contoso.local_archmon");
    static final Path MONITORING_AWAY = WORK.resolve("mon01-moved-away");
    static final Pattern LINK = Pattern.compile("(http://\\S+#/\\?task=\\S+)");

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    @Test
    void theLinkInTheFailedBackupMailOpensTheReviewTaskInTasklist() throws Exception {
        Files.move(MONITORING, MONITORING_AWAY);
        try {
            ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
            Task review = await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
                    .processInstanceId(run.getId()).singleResult(), t -> t != null);
            LabHttp http = new LabHttp("http://localhost:" + port);
            JsonNode mail = await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (JsonNode m : JSON.readTree(http.get("lab-operator", "/api/lab/mail").body())) {
                    if (m.path("subject").asText().startsWith("Task: Review failed backup")) {
                        return m;
                    }
                }
                return null;
            }, m -> m != null);
            Matcher link = LINK.matcher(mail.path("text").asText());
            assertThat(link.find()).as(mail.toString()).isTrue();

            try (Browser operator = Browser.open("http://localhost:" + port)) {
                try {
                    operator.login("tasklist", "lab-operator");
                    operator.driver.get(link.group(1));
                    operator.waitFor(By.xpath("//h2[normalize-space()='" + review.getName() + "']"));
                    operator.waitFor(By.xpath("//*[contains(text(),'items failed after their retries')]"));
                    operator.screenshot("mail-link-opens-review-task");
                } catch (RuntimeException | AssertionError e) {
                    operator.screenshot("FAILED-mail-link");
                    throw e;
                }
            }
        } finally {
            Files.move(MONITORING_AWAY, MONITORING);
        }
    }
}
