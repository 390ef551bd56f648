package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The backup catalog and the {@code backup} health group with the real application on the lab farm: thousands of
 * sets page newest first and a page reads only its own manifests; a real run in progress shows its progress; and
 * the health group is DOWN for each of its reasons — no good set, the newest set too old, the share not writable,
 * an open incident on the backup cycle — with details for managers only.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // keep the old sets this test writes: retention is not what it tests
        "lync.backup.retention.keep-sets=100000",
        "lync.backup.retention.max-age=P36500D",
        "lync.backup.health.max-age=PT26H"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupCatalogIT {

    static final Path WORK = LabWork.folder(BackupCatalogIT.class);
    static final Path ROOT = WORK.resolve("backups");
    static final int OLD_SETS = 3000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    BackupShare share;
    @Autowired
    BackupCatalog catalog;

    @Test
    @Order(1)
    void healthIsDownWithoutAGoodSetAndShowsWhyOnlyToManagers() throws Exception {
        ResponseEntity<String> anonymous = rest.getForEntity("/actuator/health/backup", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(JSON.readTree(anonymous.getBody()).properties()).extracting(e -> e.getKey()).containsExactly("status");
        assertThat(JSON.readTree(rest.getForEntity("/actuator/health", String.class).getBody()).has("components")).isFalse();
        assertThat(rest.withBasicAuth("lab-operator", "lab").getForEntity("/actuator/health/backup", String.class).getBody())
                .doesNotContain("details");

        JsonNode details = health(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(details.get("problems").toString()).contains("no good published backup set on " + ROOT.toAbsolutePath());
    }

    @Test
    @Order(2)
    void pagesThousandsOfSetsNewestFirstReadingOnlyThePagesManifests() throws Exception {
        Instant newest = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < OLD_SETS; i++) {
            writeSet(SetId.of(newest.minus(i, ChronoUnit.HOURS)), i);
        }
        Files.writeString(ROOT.resolve(BackupShare.CURRENT), SetId.of(newest) + "\n");
        List<String> onShare = share.list().stream().map(e -> e.id().toString()).toList();
        assertThat(onShare).hasSize(OLD_SETS);

        int size = 100;
        List<String> seen = new ArrayList<>();
        for (int page = 0; page * size < OLD_SETS; page++) {
            long readsBefore = catalog.manifestReads();
            JsonNode body = get("/api/manager/backup-sets?page=" + page + "&size=" + size);
            JsonNode sets = body.get("sets");
            assertThat(sets.get("total").asInt()).isEqualTo(OLD_SETS);
            assertThat(sets.get("items").size()).isEqualTo(size);
            sets.get("items").forEach(s -> seen.add(s.get("setId").asText()));
            assertThat(catalog.manifestReads() - readsBefore).as("manifests read for page " + page)
                    .isLessThanOrEqualTo(size);
        }
        assertThat(seen).containsExactlyElementsOf(onShare);
        JsonNode first = get("/api/manager/backup-sets?page=0&size=3");
        assertThat(catalog.manifestReads()).as("published sets never change: each manifest is read once").isEqualTo(OLD_SETS);
        JsonNode set = first.get("sets").get("items").get(0);
        assertThat(set.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(set.get("current").asBoolean()).isTrue();
        assertThat(set.get("itemCount").asInt()).isEqualTo(1);
        assertThat(set.get("fileCount").asInt()).isEqualTo(2);
        assertThat(set.get("bytes").asLong()).isEqualTo(1000 + 24);
        assertThat(first.get("newestGoodSetId").asText()).isEqualTo(SetId.of(newest).toString());
        assertThat(first.get("newestGoodSetTooOld").asBoolean()).isTrue();
        assertThat(rest.withBasicAuth("lab-manager", "lab").getForEntity("/api/manager/backup-sets?page=-1", String.class)
                .getBody()).contains("page must be 0 or more, was -1");

        JsonNode details = health(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(details.get("problems").toString()).contains("the newest good backup set " + SetId.of(newest))
                .contains("more than PT26H");
    }

    @Test
    @Order(3)
    void aRunInProgressShowsItsProgressAndAnIncidentOnItTakesHealthDown() throws Exception {
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        String setId = await().atMost(Duration.ofMinutes(1)).until(
                () -> (String) runtime.getVariable(run.getId(), BackupVariables.BACKUP_SET_ID), id -> id != null);
        // another node takes one item and fails it for good: the engine raises an incident on the run
        LockedExternalTask held = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                externalTasks.fetchAndLock(1, "lync-runbooks-node-2").topic(BackupProcess.TOPIC_BACKUP_ITEM, 600_000)
                        .businessKey(setId).variables(BackupVariables.ITEM_INDEX).localVariables().execute(),
                l -> !l.isEmpty()).get(0);
        int itemCount = ((Number) runtime.getVariable(run.getId(), BackupVariables.ITEM_COUNT)).intValue();
        int waiting = itemsWaitingInItsLane(held, run, itemCount, runtime);
        await().atMost(Duration.ofMinutes(2)).until(() ->
                externalTasks.createExternalTaskQuery().processInstanceId(run.getId()).count() == 1);
        externalTasks.handleFailure(held.getId(), "lync-runbooks-node-2", "node 2 lost the file server", "details", 0, 0);
        assertThat(runtime.createIncidentQuery().processInstanceId(run.getId()).count()).isEqualTo(1);

        JsonNode inProgress = get("/api/manager/backup-sets?page=0&size=5").get("sets").get("items").get(0);
        assertThat(inProgress.get("setId").asText()).isEqualTo(setId);
        assertThat(inProgress.get("status").asText()).isEqualTo("IN_PROGRESS");
        JsonNode progress = inProgress.get("progress");
        assertThat(progress.get("itemsTotal").asInt()).isEqualTo(itemCount);
        assertThat(progress.get("itemsDone").asInt()).as("every item but those of the held item's lane from it on")
                .isEqualTo(itemCount - waiting);
        long written;
        try (var files = Files.walk(ROOT.resolve(setId + BackupShare.PARTIAL_SUFFIX))) {
            written = files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.run/"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(progress.get("bytesCopied").asLong()).as("bytes the done items wrote to the share").isEqualTo(written);
        assertThat(progress.get("estimatedRemaining").asText()).startsWith("PT");

        JsonNode details = health(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(details.get("problems").toString()).contains("1 open incident(s) on lync-backup-cycle");
        assertThat(details.get("incidents").get("latest").toString()).contains("node 2 lost the file server");

        // the incident is resolved by giving the item its retries back: this node's worker takes it and publishes
        externalTasks.setRetries(held.getId(), 1);
        await().atMost(Duration.ofMinutes(2)).until(() -> share.current().map(Object::toString).orElse("").equals(setId));
        JsonNode up = health(HttpStatus.OK);
        assertThat(up.get("newestSet").get("id").asText()).isEqualTo(setId);
        assertThat(up.get("share").get("writable").asBoolean()).isTrue();
        assertThat(up.get("incidents").get("open").asInt()).isZero();
        JsonNode published = get("/api/manager/backup-sets?page=0&size=5").get("sets").get("items").get(0);
        assertThat(published.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.get("itemCount").asInt()).isEqualTo(itemCount);
        assertThat(published.has("progress") && !published.get("progress").isNull()).isFalse();
    }

    @Test
    @Order(4)
    void healthIsDownWhileTheShareCannotBeWritten() throws Exception {
        Path moved = WORK.resolve("backups-moved-away");
        Files.move(ROOT, moved);
        Files.writeString(ROOT, "not a directory");
        try {
            JsonNode details = health(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(details.get("share").get("writable").asBoolean()).isFalse();
            assertThat(details.get("problems").toString()).contains("backup root " + ROOT.toAbsolutePath());
        } finally {
            Files.delete(ROOT);
            Files.move(moved, ROOT);
        }
        health(HttpStatus.OK);
        assertThat(share.list()).extracting(BackupSetEntry::status).containsOnly(BackupSetEntry.Status.PUBLISHED);
    }

    /** The health group as a manager sees it: the expected status, and the details. */
    private JsonNode health(HttpStatus expected) throws IOException {
        ResponseEntity<String> response = rest.withBasicAuth("lab-manager", "lab").getForEntity("/actuator/health/backup", String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expected);
        return JSON.readTree(response.getBody()).get("components").get("backup").get("details");
    }

    private JsonNode get(String path) throws IOException {
        ResponseEntity<String> response = rest.withBasicAuth("lab-manager", "lab").getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    /** A small published set as a backup run leaves it: one item with two files and its manifest. */
    private static void writeSet(SetId id, int n) throws IOException {
        Path dir = Files.createDirectories(ROOT.resolve(id.toString()));
        String manifest = "{\"formatVersion\":1,\"setId\":\"" + id + "\",\"startedAt\":\"" + id.startedAt()
                + "\",\"completedAt\":\"" + id.startedAt().plusSeconds(600) + "\",\"topologySha256\":\"" + "0".repeat(64)
                + "\",\"items\":[{\"itemId\":\"cms:configuration\",\"kind\":\"cs-configuration\",\"source\":\"pool01\","
                + "\"tool\":\"Export-CsConfiguration\",\"startedAt\":\"" + id.startedAt() + "\",\"finishedAt\":\""
                + id.startedAt().plusSeconds(60) + "\",\"files\":["
                + "{\"path\":\"cms/CsConfiguration.zip\",\"size\":1000,\"sha256\":\"" + "a".repeat(64) + "\"},"
                + "{\"path\":\"cms/LisConfiguration.zip\",\"size\":24,\"sha256\":\"" + "b".repeat(64) + "\"}]}],"
                + "\"excluded\":[{\"name\":\"rtcdyn\",\"source\":\"pool01\",\"reason\":\"transient (D1) " + n + "\"}]}";
        Files.writeString(dir.resolve("manifest.json"), manifest, StandardCharsets.UTF_8);
    }

    /**
     * The items that wait while another node holds {@code held}: its lane takes its items one after the other, so the
     * held item and those after it in its lane (every {@code laneCount}-th item from it on) are not done.
     */
    static int itemsWaitingInItsLane(LockedExternalTask held, ProcessInstance run, int itemCount,
                                     RuntimeService runtime) {
        int index = BackupVariables.readInt(held.getVariables().get(BackupVariables.ITEM_INDEX), BackupVariables.ITEM_INDEX);
        int laneCount = ((Number) runtime.getVariable(run.getId(), BackupVariables.LANE_COUNT)).intValue();
        return (itemCount - index + laneCount - 1) / laneCount;
    }
}
