package org.lyncrunbooks.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.recovery.RestCrew;
import org.lyncrunbooks.testsupport.ApplicationProcess;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;

/**
 * The application server is lost and a new node comes up from the backup share, with real application JVMs on a real
 * engine database: a node backs up, finishes one recovery, leaves another waiting and backs up again; then it is
 * killed and its engine database lost ({@link #loseTheEngineDatabase()}); a new node started with
 * {@code --lync.bootstrap.from} and nothing else of the old configuration restores the database, the topology file
 * and the configuration from the set. The finished recovery's timeline and report are as they were, the waiting one
 * is held for an administrator, who continues it to its end, a new backup publishes, and a second bootstrap over the
 * now-used engine database is refused with the reason. Subclasses give the engine database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BootstrapScenario {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FINISHED = "mon01.lab.contoso.local";
    static final String WAITING = "fe02.lab.contoso.local";

    Path work;
    Path root;
    private ApplicationProcess node;
    private String firstSet;
    private String secondSet;
    private String finishedRecovery;
    private String waitingRecovery;
    private JsonNode finishedTimeline;
    private JsonNode finishedReport;

    /** Skips (locally) or fails (CI) when a tool the engine database needs is missing; starts it. */
    abstract void startTheEngineDatabase() throws Exception;

    abstract void stopTheEngineDatabase() throws Exception;

    /** What the first node is started with to use the engine database (command line). */
    abstract Map<String, String> engineProperties();

    /** The first node's environment for the engine database. */
    abstract Map<String, String> firstNodeEnvironment();

    /** The new node's environment: only what a new node must be given (where its database is, who logs in). */
    abstract Map<String, String> newNodeEnvironment();

    /** The engine database is lost with the server: its files deleted, or the database dropped and created empty. */
    abstract void loseTheEngineDatabase() throws Exception;

    /** The file of the set's {@code orchestrator/} folder that holds the engine database. */
    abstract String engineFile();

    @BeforeAll
    void generateTheLabFarmAndStartTheEngineDatabase() throws Exception {
        startTheEngineDatabase();
        work = LabWork.folder(getClass());
        root = work.resolve("backups");
        // the lab farm stands in for the Lync farm, which survives the loss of the application server
        new LabFarm(new LabProperties(work.resolve("lab"), 0, 10, 20, null)).topology();
    }

    @AfterAll
    void stopEverything() throws Exception {
        Path reports = Path.of("target", "failsafe-reports");
        if (work != null && Files.isDirectory(reports)) {
            try (Stream<Path> logs = Files.list(work).filter(p -> p.getFileName().toString().endsWith(".log"))) {
                for (Path log : logs.toList()) {
                    Files.copy(log, reports.resolve(getClass().getSimpleName() + "-" + log.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (node != null) {
            node.close();
        }
        stopTheEngineDatabase();
    }

    @Test
    @Order(1)
    void aNodeBacksUpAFinishedRecoveryAndAWaitingOneAndIsThenLostWithItsEngineDatabase() throws Exception {
        Map<String, String> properties = new HashMap<>(engineProperties());
        properties.put("lync.lab.directory", work.resolve("lab").toString());
        properties.put("lync.lab.users-per-pool", "10");
        properties.put("lync.lab.files-per-store", "20");
        properties.put("lync.backup.root", root.toString());
        properties.put("lync.backup.worker.poll-interval", "PT0.2S");
        properties.put("lync.recovery.rto-target", "PT7H");
        node = ApplicationProcess.launch(properties, firstNodeEnvironment(), work.resolve("node-1.log")).awaitReady();

        firstSet = backUp();
        breakServer(FINISHED);
        RestCrew crew = crew();
        finishedRecovery = crew.start(FINISHED);
        crew.workToTheEnd(FINISHED, finishedRecovery, Duration.ofMinutes(2), task -> { });
        assertThat(endedAt(finishedRecovery, RecoveryProcess.END_EVENT_SERVER_RECOVERED)).isTrue();
        breakServer(WAITING);
        waitingRecovery = crew.start(WAITING);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> json(node.get(
                "/engine-rest/task?processInstanceId=" + waitingRecovery + "&taskDefinitionKey="
                        + RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW, "lab-manager")).size() == 1);
        secondSet = backUp();
        finishedTimeline = json(node.get("/api/manager/recoveries/" + finishedRecovery, "lab-manager"));
        finishedReport = json(node.get("/api/manager/recoveries/" + finishedRecovery + "/report", "lab-manager"));

        Path orchestrator = root.resolve(secondSet).resolve("orchestrator");
        try (Stream<Path> files = Files.list(orchestrator)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(engineFile(), "topology.yaml",
                    "configuration.properties");
        }
        node.kill();
        node = null;
        loseTheEngineDatabase();
    }

    @Test
    @Order(2)
    void aNewNodeComesUpFromTheShareWithTheHistoryCatalogAndScheduleOfTheSet() throws Exception {
        Path config = work.resolve("node-2/config");
        Map<String, String> properties = Map.of("lync.bootstrap.from", root.toString(),
                "lync.bootstrap.config-dir", config.toString());
        long started = System.nanoTime();
        node = ApplicationProcess.launch(properties, newNodeEnvironment(), work.resolve("node-2.log")).awaitReady();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("MEASURED " + getClass().getSimpleName() + ": bootstrap from set " + secondSet
                + " to a node answering REST took " + took.toMillis() + " ms");

        assertThat(node.output()).contains("Bootstrap from set " + secondSet + ": engine database restored");
        assertThat(Files.readAllBytes(config.resolve("topology.yaml"))).as("the topology file put in place")
                .isEqualTo(Files.readAllBytes(root.resolve(secondSet).resolve("orchestrator/topology.yaml")));
        assertThat(Files.readString(config.resolve("application.properties")))
                .contains("lync.lab.users-per-pool=10", "lync.recovery.rto-target=PT7H",
                        "lync.bootstrap.restored-set=" + secondSet)
                .doesNotContain("lync.bootstrap.from");
        try (Stream<Path> left = Files.list(config)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("nothing staged is left")
                    .containsExactlyInAnyOrder("application.properties", "topology.yaml");
        }

        assertThat(json(node.get("/api/manager/recoveries/" + finishedRecovery, "lab-manager")))
                .as("the finished recovery's timeline entry").isEqualTo(finishedTimeline);
        assertThat(json(node.get("/api/manager/recoveries/" + finishedRecovery + "/report", "lab-manager")))
                .as("its report").isEqualTo(finishedReport);
        String catalog = json(node.get("/api/manager/backup-sets", "lab-manager")).toString();
        assertThat(catalog).contains(firstSet, secondSet);
        JsonNode timers = json(node.get("/engine-rest/job?timers=true&processDefinitionKey=" + BackupProcess.SCHEDULE_KEY,
                "lab-admin"));
        assertThat(timers).as("the schedule's timer, once").hasSize(1);
        assertThat(timers.get(0).get("suspended").asBoolean()).isFalse();

        assertThat(json(node.get("/engine-rest/process-instance/" + waitingRecovery, "lab-admin")).get("suspended")
                .asBoolean()).as("the waiting recovery is held, not resumed").isTrue();
        JsonNode backupRun = json(node.get("/engine-rest/history/process-instance?processDefinitionKey="
                + BackupProcess.KEY + "&processInstanceBusinessKey=" + secondSet, "lab-admin")).get(0);
        assertThat(backupRun.hasNonNull("endTime")).as("the run that wrote the set ended").isTrue();
        assertThat(backupRun.get("deleteReason").asText()).startsWith("the backup run that wrote set " + secondSet);
        JsonNode reviews = json(node.get("/engine-rest/task?processDefinitionKey=" + BootstrapProcess.KEY
                + "&candidateGroup=lync-administrators", "lab-admin"));
        assertThat(reviews).as("one review, for the waiting recovery").hasSize(1);
        assertThat(reviews.get(0).get("name").asText()).contains(WAITING);
        JsonNode variables = json(node.get("/engine-rest/task/" + reviews.get(0).get("id").asText() + "/variables",
                "lab-admin"));
        assertThat(variables.get("restoredInstanceId").get("value").asText()).isEqualTo(waitingRecovery);
        assertThat(variables.get("restoredState").get("value").asText()).contains("Approve data-loss window");
        assertThat(variables.has("reviewDecision")).as("no decision preselected").isFalse();
    }

    /**
     * Whether the administrator continues the waiting recovery (it is then worked to its end) or cancels it (a new
     * recovery of the same server is then started and worked to its end): each engine database takes one path.
     */
    abstract boolean continueTheWaitingRecovery();

    @Test
    @Order(3)
    void anAdministratorDecidesOnTheWaitingRecoveryAndARecoveryOfThatServerIsCompleted() throws Exception {
        JsonNode review = json(node.get("/engine-rest/task?processDefinitionKey=" + BootstrapProcess.KEY, "lab-admin")).get(0);
        String decision = continueTheWaitingRecovery() ? "continue" : "cancel";
        HttpResponse<String> noReason = node.post("/engine-rest/task/" + review.get("id").asText() + "/complete",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"" + decision + "\"}}}", "lab-admin");
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        HttpResponse<String> completed = node.post("/engine-rest/task/" + review.get("id").asText() + "/complete",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"" + decision + "\"},\"reviewReason\":{\"value\":"
                        + "\"fe02 is still down and nobody approved the window yet\"}}}", "lab-admin");
        assertThat(completed.statusCode()).as(completed.body()).isIn(200, 204);

        String recovery;
        if (continueTheWaitingRecovery()) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() -> !json(node.get(
                    "/engine-rest/process-instance/" + waitingRecovery, "lab-admin")).get("suspended").asBoolean());
            recovery = waitingRecovery;
        } else {
            JsonNode cancelled = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() ->
                    json(node.get("/engine-rest/history/process-instance/" + waitingRecovery, "lab-admin")),
                    pi -> pi.hasNonNull("endTime"));
            assertThat(cancelled.get("deleteReason").asText()).contains("cancelled after a bootstrap from the backup share")
                    .contains("fe02 is still down");
            recovery = crew().start(WAITING);
        }
        crew().workToTheEnd(WAITING, recovery, Duration.ofMinutes(2), task -> { });
        assertThat(endedAt(recovery, RecoveryProcess.END_EVENT_SERVER_RECOVERED)).isTrue();
    }

    @Test
    @Order(4)
    void theNextBackupPublishesANewSet() throws Exception {
        String set = backUp();

        assertThat(set).isNotEqualTo(secondSet);
        assertThat(root.resolve("CURRENT")).hasContent(set);
        try (Stream<Path> files = Files.list(root.resolve(set).resolve("orchestrator"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(engineFile(), "topology.yaml",
                    "configuration.properties");
        }
    }

    @Test
    @Order(5)
    void aBootstrapOverAnEngineDatabaseThatHoldsDataIsRefusedWithTheReason() throws Exception {
        node.close();
        node = null;
        Path config = work.resolve("node-3/config");
        ApplicationProcess refused = ApplicationProcess.launch(Map.of("lync.bootstrap.from", root.toString(),
                "lync.bootstrap.config-dir", config.toString()), newNodeEnvironment(), work.resolve("node-3.log"));

        assertThat(refused.awaitExit(Duration.ofMinutes(3))).isNotZero();
        assertThat(refused.output()).contains("already holds data").contains("never restores over data");
        assertThat(config.resolve("application.properties")).doesNotExist();
        try (Stream<Path> left = Files.list(config)) {
            assertThat(left).as("nothing staged is left").isEmpty();
        }
    }

    // ------------------------------------------------------------------ helpers

    private String backUp() throws IOException {
        HttpResponse<String> started = node.post("/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start",
                "{}", "lab-operator");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).get("id").asText();
        JsonNode ended = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode pi = json(node.get("/engine-rest/history/process-instance/" + id, "lab-admin"));
            return pi.hasNonNull("endTime") ? pi : null;
        }, pi -> pi != null);
        assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
        String set = ended.get("businessKey").asText();
        assertThat(root.resolve("CURRENT")).hasContent(set);
        return set;
    }

    private boolean endedAt(String processInstanceId, String endEvent) {
        return json(node.get("/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
                + "&activityId=" + endEvent, "lab-manager")).size() == 1;
    }

    private void breakServer(String fqdn) {
        assertThat(node.post("/api/lab/servers/" + fqdn + "/failure", "{}", "lab-admin").statusCode()).isEqualTo(200);
    }

    private RestCrew crew() {
        return new RestCrew(new TestRestTemplate(new RestTemplateBuilder().rootUri(node.baseUrl())));
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
