package org.lyncrunbooks.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.topology.FileStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The restore drill end to end on the lab farm, through REST as the lab's people: a backup, a drill that proves it
 * restorable without touching a byte of the farm's databases and file stores, the drills' API and the backup health;
 * then a database damaged where no checksum sees it, a backup that still verifies, and a drill that fails with DBCC
 * CHECKDB's words, a task for the operators and the health DOWN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreDrillIT {

    static final Path WORK = createWork();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CDR = "sql:mon01.lab.contoso.local_archmon:LcsCDR";
    static String firstSet;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lync.lab.directory", () -> WORK.resolve("lab").toString());
        registry.add("lync.lab.users-per-pool", () -> "15");
        registry.add("lync.lab.files-per-store", () -> "40");
        registry.add("lync.backup.root", () -> WORK.resolve("backups").toString());
        registry.add("lync.backup.worker.poll-interval", () -> "PT0.1S");
        registry.add("lync.drill.scratch-folder", () -> WORK.resolve("drill-scratch").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + WORK.resolve("engine").resolve("lync-runbooks")
                + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;

    @Test
    @Order(1)
    void aDrillThroughRestProvesTheSetRestorableAndTouchesNothingOfTheFarm() throws Exception {
        firstSet = backUp();
        Map<String, String> production = production();

        ResponseEntity<String> started = startDrill("");
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String drillId = JSON.readTree(started.getBody()).get("id").asText();
        assertThat(JSON.readTree(started.getBody()).get("businessKey").asText()).isEqualTo(firstSet);
        await().atMost(Duration.ofMinutes(3)).until(() -> ended(drillId));

        HistoricProcessInstance drill = history.createHistoricProcessInstanceQuery().processInstanceId(drillId).singleResult();
        assertThat(drill.getEndActivityId()).isEqualTo(DrillProcess.END_EVENT_DRILL_PASSED);
        assertThat(production()).as("the farm's databases and file stores, byte for byte").isEqualTo(production);
        assertThat(WORK.resolve("drill-scratch").toFile().list()).isNullOrEmpty();

        JsonNode overview = get("/api/manager/drills?page=0&size=10");
        assertThat(overview.get("newestDrill").get("state").asText()).isEqualTo("PASSED");
        assertThat(overview.get("newestProven").get("setId").asText()).isEqualTo(firstSet);
        assertThat(overview.get("newestProven").get("tooOld").asBoolean()).isFalse();
        assertThat(overview.get("schedule").asText()).isEqualTo("0 0 5 * * ?");
        JsonNode detail = get("/api/manager/drills/" + firstSet);
        JsonNode cdr = item(detail.get("record"), CDR);
        assertThat(cdr.get("testTarget").asText()).isEqualTo("mon01.lab.contoso.local\\archmon/lyncdrill_LcsCDR");
        assertThat(cdr.get("checkResult").asText()).isEqualTo("Success");
        assertThat(item(detail.get("record"), "orchestrator:engine").get("counts").get("ACT_HI_PROCINST").asLong())
                .as("the backup run and its drill's history").isPositive();
        assertThat(get("/api/manager/drills/sets?ids=" + firstSet + ",20200101T000000Z").properties())
                .extracting(Map.Entry::getKey).containsExactly(firstSet);
        JsonNode estimates = get("/api/manager/drills/estimates");
        assertThat(estimates.get("rtoTarget").asText()).isEqualTo("PT8H");
        assertThat(estimates.get("estimates").toString()).contains("an R4 of be01.lab.contoso.local would take about");

        JsonNode health = health(HttpStatus.OK);
        assertThat(health.get("components").get("drill").get("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void aStartNamingNoPublishedSetIsRefusedWithTheReasonAndLeavesNoInstance() throws Exception {
        long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(DrillProcess.KEY).count();

        ResponseEntity<String> refused = startDrill("20200101T000000Z");

        assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(refused.getBody()).contains("no backup set 20200101T000000Z on ").contains("published sets: " + firstSet);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DrillProcess.KEY).count())
                .isEqualTo(before);
    }

    @Test
    @Order(3)
    void onlyManagersAndAdministratorsReadTheDrills() {
        assertThat(rest.getForEntity("/api/manager/drills", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("lab-operator", "lab").getForEntity("/api/manager/drills", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("lab-admin", "lab").getForEntity("/api/manager/drills", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(4)
    void aDatabaseDamagedWhereNoChecksumSeesItPassesVerificationButFailsTheDrill() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> damaged = rest.withBasicAuth("lab-admin", "lab").postForEntity(
                "/api/lab/sql-instances/mon01.lab.contoso.local/archmon/databases/LcsCDR/damage",
                new HttpEntity<>("{\"damage\":\"TORN_PAGE\"}", headers), String.class);
        assertThat(damaged.getStatusCode()).as(damaged.getBody()).isEqualTo(HttpStatus.OK);
        String set = backUp();
        assertThat(get("/api/manager/backup-sets?page=0&size=1").get("sets").get("items").get(0).get("status").asText())
                .as("the damaged database's backup passed RESTORE VERIFYONLY and the set was published").isEqualTo("PUBLISHED");

        String drillId = JSON.readTree(startDrill("").getBody()).get("id").asText();
        await().atMost(Duration.ofMinutes(3)).until(() -> !runtime.createProcessInstanceQuery().processInstanceId(drillId)
                .activityIdIn(DrillProcess.USER_TASK_REVIEW_FAILED_DRILL).list().isEmpty());

        JsonNode tasks = JSON.readTree(rest.withBasicAuth("lab-operator", "lab").getForEntity(
                "/engine-rest/task?processInstanceId=" + drillId, String.class).getBody());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("name").asText()).isEqualTo("Review failed restore drill");
        String taskId = tasks.get(0).get("id").asText();
        JsonNode summary = JSON.readTree(rest.withBasicAuth("lab-operator", "lab").getForEntity(
                "/engine-rest/task/" + taskId + "/variables/failureSummary", String.class).getBody());
        assertThat(summary.get("value").asText()).contains(CDR).contains("DBCC CHECKDB found errors in the restored copy "
                + "of LcsCDR: Msg 8928");
        JsonNode overview = get("/api/manager/drills?page=0&size=10");
        assertThat(overview.get("newestDrill").get("setId").asText()).isEqualTo(set);
        assertThat(overview.get("newestDrill").get("state").asText()).isEqualTo("FAILED");
        assertThat(overview.get("newestProven").get("setId").asText()).isEqualTo(firstSet);
        JsonNode health = health(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(health.get("components").get("drill").get("details").get("problems").toString())
                .contains("the newest restore drill (set " + set + ") failed: " + CDR + ": Failed: DBCC CHECKDB");

        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> closed = rest.withBasicAuth("lab-operator", "lab").postForEntity("/engine-rest/task/" + taskId
                + "/complete", new HttpEntity<>("{\"variables\":{\"drillReviewDecision\":{\"value\":\"close\"}}}", json),
                String.class);
        assertThat(closed.getStatusCode().is2xxSuccessful()).as(closed.getBody()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(drillId));
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(drillId).singleResult().getEndActivityId())
                .isEqualTo(DrillProcess.END_EVENT_DRILL_FAILED);
    }

    // ------------------------------------------------------------------ helpers

    private String backUp() {
        ResponseEntity<String> started = rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start",
                new HttpEntity<>("{}", jsonHeaders()), String.class);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String id;
        try {
            id = JSON.readTree(started.getBody()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> ended(id));
        HistoricProcessInstance run = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(run.getEndActivityId()).isEqualTo(BackupProcess.END_EVENT_BACKUP_PUBLISHED);
        return run.getBusinessKey();
    }

    private ResponseEntity<String> startDrill(String setId) {
        return rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/" + DrillProcess.KEY + "/start",
                new HttpEntity<>("{\"variables\":{\"backupSetId\":{\"value\":\"" + setId + "\"}}}", jsonHeaders()),
                String.class);
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private JsonNode health(HttpStatus expected) throws IOException {
        ResponseEntity<String> response = rest.withBasicAuth("lab-manager", "lab").getForEntity("/actuator/health/backup",
                String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expected);
        return JSON.readTree(response.getBody());
    }

    private JsonNode get(String path) throws IOException {
        ResponseEntity<String> response = rest.withBasicAuth("lab-manager", "lab").getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode item(JsonNode record, String itemId) {
        for (JsonNode item : record.get("items")) {
            if (item.get("item").asText().equals(itemId)) {
                return item;
            }
        }
        throw new AssertionError("no item " + itemId + " in " + record);
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    /** The farm's SQL instances and file stores, every file with its size, SHA-256 and modification time. */
    private Map<String, String> production() {
        Map<String, String> files = new TreeMap<>();
        tree(farm.directory().resolve("sql"), "sql/", files);
        for (FileStore store : farm.topology().fileStores()) {
            tree(store.mountPath(), store.name() + "/", files);
        }
        return files;
    }

    private static void tree(Path folder, String prefix, Map<String, String> files) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                files.put(prefix + folder.relativize(path).toString().replace(File.separatorChar, '/'),
                        a.isDirectory() ? "folder" : a.size() + " " + Sha256.hashFile(path) + " " + a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createWork() {
        try {
            return Files.createTempDirectory("restore-drill-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
