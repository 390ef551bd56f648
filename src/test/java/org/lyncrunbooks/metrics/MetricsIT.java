package org.lyncrunbooks.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backup.BackupCatalog;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.backup.BackupVariables;
import org.lyncrunbooks.recovery.LabCrew;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code /actuator/prometheus} scraped as Prometheus does, on the lab farm with the real engine: who may read it,
 * the gauges and counter after a published backup, a failed and abandoned run, and a recovery; the alert rules and
 * the Grafana dashboard in docs/monitoring use only metrics that are there. The lab's mail catcher is on, so the
 * people's mails are read back as the lab users read them ({@code /api/lab/mail}). (Spring Boot's tests switch
 * metrics export off unless asked: {@code @AutoConfigureObservability}.)
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path WORK = LabWork.folder(MetricsIT.class);
    static final Path MONITORING = WORK.resolve("lab/sql/mon01.lab.contoso.local_archmon");
    static final Path MONITORING_AWAY = WORK.resolve("mon01-moved-away");
    static final Path ALERTS = Path.of("docs/monitoring/lync-runbooks-alerts.yaml");
    static final Path DASHBOARD = Path.of("docs/monitoring/lync-runbooks-dashboard.json");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");
    private static final Pattern METRIC_NAME = Pattern.compile("\\blync_[a-z_]+\\b");

    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    BackupCatalog catalog;
    @LocalServerPort
    int port;

    LabHttp http() {
        return new LabHttp("http://localhost:" + port);
    }

    @Test
    @Order(1)
    void theMetricsAreForManagersAdministratorsAndMonitoringOnly() {
        assertThat(http().send(null, http().request("/actuator/prometheus").GET()).statusCode()).isEqualTo(401);
        assertThat(http().get("lab-operator", "/actuator/prometheus").statusCode()).isEqualTo(403);
        for (String user : List.of("lab-monitor", "lab-manager", "lab-admin")) {
            HttpResponse<String> scrape = http().send(user, http().request("/actuator/prometheus").GET());
            assertThat(scrape.statusCode()).as(user).isEqualTo(200);
            assertThat(scrape.body()).contains("# TYPE lync_backup_last_success_timestamp_seconds gauge");
        }
        Map<String, Double> before = scrape();
        assertThat(before.get("lync_backup_last_success_timestamp_seconds")).as("never backed up: 0, so an age alert fires")
                .isEqualTo(0.0);
        assertThat(before.get("lync_backup_runs_total{outcome=\"published\"}")).isEqualTo(0.0);
        assertThat(before.get("lync_restore_drill_last_success_timestamp_seconds")).isEqualTo(0.0);
        assertThat(before.get("lync_recovery_escalations_open")).isEqualTo(0.0);
    }

    @Test
    @Order(2)
    void aPublishedBackupMovesTheLastSuccessGaugesAndCountsTheRun() {
        String setId = ended(runtime.startProcessInstanceByKey(BackupProcess.KEY)).getBusinessKey();

        BackupCatalog.SetView set = catalog.overview(0, 10).sets().items().stream()
                .filter(s -> s.setId().equals(setId)).findFirst().orElseThrow();
        Map<String, Double> metrics = awaitScrape(m -> m.get("lync_backup_last_success_timestamp_seconds") > 0);
        assertThat(metrics.get("lync_backup_last_success_timestamp_seconds"))
                .isCloseTo(set.completedAt().toEpochMilli() / 1000.0, within(0.01));
        assertThat(metrics.get("lync_backup_last_size_bytes")).isEqualTo(set.bytes().doubleValue()).isPositive();
        assertThat(metrics.get("lync_backup_last_duration_seconds")).isPositive()
                .isCloseTo(Duration.between(set.startedAt(), set.completedAt()).toMillis() / 1000.0, within(0.01));
        assertThat(metrics.get("lync_backup_items_failed")).isEqualTo(0.0);
        assertThat(metrics.get("lync_backup_runs_total{outcome=\"published\"}")).isEqualTo(1.0);
    }

    @Test
    @Order(3)
    void aFailedRunShowsItsFailedItemsTellsTheOperatorsAndCountsAsAbandoned() throws Exception {
        double lastSuccess = scrape().get("lync_backup_last_success_timestamp_seconds");
        Files.move(MONITORING, MONITORING_AWAY);
        try {
            ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
            Task review = await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery()
                    .processInstanceId(run.getId()).singleResult(), t -> t != null);

            Map<String, Double> failing = awaitScrape(m -> m.get("lync_backup_items_failed") > 0);
            assertThat(failing.get("lync_backup_items_failed")).isEqualTo(3.0);
            assertThat(failing.get("lync_backup_last_success_timestamp_seconds")).as("only a success moves it")
                    .isEqualTo(lastSuccess);

            // the lab operator reads the mail the lab's SMTP catcher received, with the link that opens the task
            JsonNode mail = await().atMost(Duration.ofSeconds(20)).until(() -> labMail("lab-operator"),
                    m -> m.findValuesAsText("subject").stream().anyMatch(s -> s.startsWith("Task: Review failed backup")));
            JsonNode review1 = first(mail, "Task: Review failed backup");
            assertThat(review1.path("to").toString()).contains("lab-operator@lab.contoso.local");
            assertThat(review1.path("text").asText())
                    .contains("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + review.getId());
            assertThat(labMail("lab-dba").findValuesAsText("subject")).as("a lab user reads only their own mail")
                    .noneMatch(s -> s.startsWith("Task: Review failed backup"));

            tasks.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_ABANDON,
                    BackupVariables.ABANDON_REASON, "the Monitoring server is being replaced"));
            ended(run);
            Map<String, Double> after = awaitScrape(m -> m.get("lync_backup_runs_total{outcome=\"abandoned\"}") > 0);
            assertThat(after.get("lync_backup_runs_total{outcome=\"abandoned\"}")).isEqualTo(1.0);
            assertThat(after.get("lync_backup_runs_total{outcome=\"published\"}")).isEqualTo(1.0);
        } finally {
            Files.move(MONITORING_AWAY, MONITORING);
        }
    }

    @Test
    @Order(4)
    void aRecoveryReportsItsAchievedRpoAndRtoAndTellsTheManagers() throws Exception {
        ended(runtime.startProcessInstanceByKey(BackupProcess.KEY));
        assertThat(http().post("lab-admin", "/api/lab/file-stores/lab-fs01/failure", null).statusCode()).isEqualTo(200);
        String body = "{\"variables\":{\"failedServerFqdn\":{\"value\":\"fs01.lab.contoso.local\"},\"backupSetId\":{\"value\":\"\"},"
                + "\"incidentReference\":{\"value\":\"INC-4711\"},\"rebuildAnywayReason\":{\"value\":\"the share's content was deleted\"}}}";
        HttpResponse<String> started = http().post("lab-operator",
                "/engine-rest/process-definition/key/" + RecoveryProcess.KEY + "/start", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String recoveryId = JSON.readTree(started.body()).get("id").asText();
        new LabCrew(tasks, identity, history).workUntil("fs01.lab.contoso.local", recoveryId, null, Duration.ofMinutes(2),
                task -> { });
        assertThat(ended(recoveryId).getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);

        Map<String, Double> metrics = awaitScrape(m -> !m.get("lync_recovery_last_rto_seconds").isNaN());
        assertThat(metrics.get("lync_recovery_last_rto_seconds")).isPositive();
        assertThat(metrics.get("lync_recovery_last_rpo_seconds")).isPositive();

        JsonNode mail = await().atMost(Duration.ofSeconds(20)).until(() -> labMail("lab-manager"),
                m -> m.findValuesAsText("subject").stream().anyMatch(s -> s.startsWith("Finished: Recover a Lync server")));
        assertThat(first(mail, "Started: Recover a Lync server").path("text").asText()).contains("fs01.lab.contoso.local");
        assertThat(first(mail, "Finished: Recover a Lync server").path("text").asText()).contains("Server recovered");
    }

    @Test
    @Order(5)
    void theDocumentedAlertRulesAndDashboardUseOnlyMetricsThatAreScraped() throws IOException {
        Set<String> scraped = new TreeSet<>();
        scrape().keySet().forEach(k -> scraped.add(k.replaceAll("\\{.*", "")));

        Map<String, Object> alerts = new Yaml().load(Files.readString(ALERTS));
        List<Map<String, Object>> rules = ((List<Map<String, Object>>) alerts.get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(5).allSatisfy(rule -> {
            assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
            assertThat(names(rule.get("expr").toString())).as(rule.get("alert").toString()).isNotEmpty()
                    .allSatisfy(name -> assertThat(scraped).as("metrics scraped").contains(name));
        });
        assertThat(rules).anySatisfy(rule -> assertThat(rule.get("expr").toString())
                .contains("time() - lync_backup_last_success_timestamp_seconds > 26 * 3600"));

        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        List<String> expressions = dashboard.path("panels").findValuesAsText("expr");
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
        expressions.forEach(expr -> assertThat(names(expr)).as(expr).isNotEmpty()
                .allSatisfy(name -> assertThat(scraped).as("metrics scraped").contains(name)));
    }

    private static Set<String> names(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_NAME.matcher(expression);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The scrape as Prometheus reads it: series (name with its labels) → value. */
    private Map<String, Double> scrape() {
        HttpResponse<String> response = http().send("lab-monitor", http().request("/actuator/prometheus").GET());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return series;
    }

    private Map<String, Double> awaitScrape(java.util.function.Predicate<Map<String, Double>> ready) {
        return await().atMost(Duration.ofSeconds(20)).until(this::scrape, ready);
    }

    private JsonNode labMail(String user) throws IOException {
        HttpResponse<String> response = http().get(user, "/api/lab/mail");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode first(JsonNode mails, String subjectPrefix) {
        for (JsonNode mail : mails) {
            if (mail.path("subject").asText().startsWith(subjectPrefix)) {
                return mail;
            }
        }
        throw new AssertionError("no mail '" + subjectPrefix + "…' in " + mails);
    }

    private HistoricProcessInstance ended(ProcessInstance run) {
        return ended(run.getId());
    }

    private HistoricProcessInstance ended(String id) {
        return await().atMost(Duration.ofMinutes(2)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(id).singleResult(), p -> p != null && p.getEndTime() != null);
    }
}
