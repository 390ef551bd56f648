package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.testsupport.ApplicationProcess;
import org.lyncrunbooks.testsupport.LabWork;
import org.lyncrunbooks.testsupport.Prerequisites;
import org.lyncrunbooks.testsupport.Smtp;
import org.lyncrunbooks.backupset.BackupShare;

/**
 * Reliability scenarios 1, 3, 4 and 10 with real application nodes on a real PostgreSQL 15: two JVMs of the
 * application, profile {@code postgres}, connection from {@code LYNC_DATASOURCE_*}, one engine database, one
 * backup share and one lab farm. They start at the same moment on the fresh database; a backup taken through one
 * is watched through the other (its engine database backed up with {@code pg_dump -Fc}, every item longer than its
 * lock and run once); a recovery task started on one is completed on the other, by two managers at once; the
 * schedule fires once, the node running it is killed with SIGKILL half-way, and the other node finishes the run
 * once; the dead node restarts with a new cron, which replaces the timer without doubling it. Both nodes mail through
 * one SMTP server (reliability scenario 16): what both see at once — the backup health turning DOWN and UP, a task
 * created on one node — goes out once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "lync_runbooks";
    private static final String NEW_CRON = "0 30 3 * * ?";
    private static final String PUBLIC_URL = "https://lync-runbooks.contoso.local";
    private static final String MANAGER = "lab-manager@lab.contoso.local";

    private EmbeddedPostgres postgres;
    private Path work;
    private Path root;
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private ApplicationProcess nodeA;
    private ApplicationProcess nodeB;
    private String firstSet;
    private final Smtp smtp = new Smtp();

    @BeforeAll
    void startPostgresAndTwoNodesAtOnce() throws Exception {
        Prerequisites.require(Prerequisites.onPath("pg_dump") && Prerequisites.onPath("pg_restore"),
                "pg_dump/pg_restore are not installed (Debian package postgresql-client-15)");
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        work = LabWork.folder(ClusterIT.class);
        root = work.resolve("backups");
        // the lab farm stands in for the Lync farm both nodes manage: generated once, before the nodes start
        new LabFarm(new LabProperties(work.resolve("lab"), 0, 20, 60, null)).topology();

        environment.put("SPRING_PROFILES_ACTIVE", "postgres");
        environment.put("LYNC_DATASOURCE_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE);
        environment.put("LYNC_DATASOURCE_USERNAME", "postgres");
        properties.put("lync.lab.directory", work.resolve("lab").toString());
        properties.put("lync.lab.users-per-pool", "20");
        properties.put("lync.lab.files-per-store", "60");
        // every cmdlet outlives the lock of its item (scenario 4 with two nodes polling)
        properties.put("lync.lab.cmdlet-delay", "PT4S");
        properties.put("lync.backup.worker.lock-duration", "PT3S");
        properties.put("lync.backup.worker.poll-interval", "PT0.2S");
        properties.put("lync.backup.root", root.toString());
        properties.put("lync.backup.item.retries", "2");
        properties.put("lync.backup.item.retry-delay", "PT0.2S");
        // the profile's hour suits real restore steps; here a dead node's job should come back within the test
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", "20000");

        // one mail server for both nodes, each node watching the backup health every second
        smtp.start();
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(smtp.port));
        properties.put("lync.security.public-url", PUBLIC_URL);
        properties.put("lync.notify.health-check-interval", "PT1S");

        nodeA = ApplicationProcess.launch(properties, environment, work.resolve("node-a.log"));
        nodeB = ApplicationProcess.launch(properties, environment, work.resolve("node-b.log"));
        nodeA.awaitReady();
        nodeB.awaitReady();
    }

    @AfterAll
    void stopEverything() throws IOException {
        // the work folder goes with the JVM: keep what the nodes said for whoever reads the report
        Path reports = Path.of("target", "failsafe-reports");
        if (work != null && Files.isDirectory(reports)) {
            for (String file : List.of("node-a.log", "node-b.log", "lab/transcript.log")) {
                if (Files.exists(work.resolve(file))) {
                    Files.copy(work.resolve(file), reports.resolve("ClusterIT-" + Path.of(file).getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (ApplicationProcess node : new ApplicationProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        smtp.stop();
    }

    @Test
    @Order(1)
    void twoNodesStartingTogetherOnAFreshDatabaseCreateTheSchemaGroupsAuthorizationsAndFiltersOnce() throws Exception {
        assertThat(query("SELECT VERSION_ FROM ACT_GE_SCHEMA_LOG")).as("the engine created its schema").contains("7.24.0");
        assertThat(query("SELECT ID_ FROM ACT_ID_GROUP ORDER BY ID_")).containsExactly("camunda-admin",
                "lync-administrators", "lync-dba", "lync-managers", "lync-monitoring", "lync-operators");
        assertThat(query("SELECT NAME_ FROM ACT_RU_FILTER ORDER BY NAME_")).as("each Tasklist filter once")
                .containsExactly("Assigned to me", "My groups' tasks");
        assertThat(query("SELECT GROUP_ID_ || ' ' || RESOURCE_TYPE_ || ' ' || RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION "
                + "WHERE GROUP_ID_ LIKE 'lync-%' GROUP BY GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ HAVING COUNT(*) > 1"))
                .as("no authorization twice").isEmpty();
        assertThat(query("SELECT USER_ID_ || ' ' || GROUP_ID_ FROM ACT_ID_MEMBERSHIP ORDER BY 1")).contains(
                "lab-admin camunda-admin", "lab-admin lync-administrators", "lab-operator lync-operators");
        assertThat(query("SELECT VERSION_ FROM ACT_RE_PROCDEF WHERE KEY_ = '" + BackupProcess.KEY + "'"))
                .as("the processes were deployed by one node; the other found them").containsExactly("1");
        assertThat(scheduleTimers()).as("one timer for the schedule").hasSize(1);
        for (ApplicationProcess node : List.of(nodeA, nodeB)) {
            assertThat(json(node.get("/engine-rest/filter/count", "lab-operator")).get("count").asInt()).isEqualTo(2);
        }
        // no set yet: both nodes see the backup health DOWN, every second, and one mail says so
        assertMailedOnce("Backup health DOWN");
    }

    @Test
    @Order(2)
    void aBackupStartedOnOneNodeIsWorkedByBothAndBacksUpTheEngineDatabaseWithPgDump() throws Exception {
        String run = startBackup(nodeA);
        JsonNode ended = waitForEnd(nodeB, run);

        assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
        firstSet = ended.get("businessKey").asText();
        assertThat(root.resolve("CURRENT")).hasContent(firstSet);
        BackupCycleIT.assertManifestMatchesTheFiles(root.resolve(firstSet), firstSet);
        Path dump = find(root.resolve(firstSet), "engine.dump");
        assertThat(Files.readAllBytes(dump)).startsWith("PGDMP".getBytes(StandardCharsets.US_ASCII));
        Process list = new ProcessBuilder("pg_restore", "--list", dump.toString()).redirectErrorStream(true).start();
        String toc = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor()).isZero();
        assertThat(toc).contains("TABLE public act_hi_procinst").contains("dbname: " + DATABASE);
        for (String cmdlet : List.of("Export-CsConfiguration", "Export-CsLisConfiguration", "Export-CsRgsConfiguration",
                "Export-CsUserData -PoolFqdn 'pool01", "Export-CsPersistentChatData")) {
            assertThat(transcriptLines(firstSet, cmdlet)).as(cmdlet + " ran once though it outlived its lock, with two "
                    + "nodes polling").isEqualTo(1);
        }
        JsonNode workers = json(nodeA.get("/engine-rest/history/external-task-log?successLog=true&processInstanceId=" + run,
                "lab-admin"));
        assertThat(workers).as("every item completed once").hasSize(12);
        assertMailedOnce("Backup health UP again");
    }

    @Test
    @Order(3)
    void aRecoveryTaskStartedOnOneNodeIsCompletedOnTheOtherAndTwoManagersAtOnceGetOneSuccessAndOneConflict()
            throws Exception {
        HttpResponse<String> started = nodeA.post("/engine-rest/process-definition/key/" + RecoveryProcess.KEY + "/start",
                "{\"variables\":{\"failedServerFqdn\":{\"value\":\"fe02.lab.contoso.local\"},\"backupSetId\":{\"value\":\"\"},"
                        + "\"incidentReference\":{\"value\":\"INC-CLUSTER\"},\"rebuildAnywayReason\":{\"value\":"
                        + "\"a cluster test: the lab's fe02 still runs\"}}}", "lab-operator");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String recovery = json(started.body()).get("id").asText();
        JsonNode task = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() ->
                json(nodeB.get("/engine-rest/task?processInstanceId=" + recovery, "lab-manager")), t -> t.size() == 1).get(0);
        assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("UserTask_ApproveDataLossWindow");
        String taskId = task.get("id").asText();
        MimeMessage mail = assertMailedOnce("Task: Approve data-loss window");
        assertThat(Smtp.to(mail)).as("the managers, by their Camunda profile").contains(MANAGER);
        assertThat(Smtp.part(mail, "text/plain")).as("a link that opens the task in Tasklist")
                .contains(PUBLIC_URL + "/camunda/app/tasklist/default/#/?task=" + taskId);

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
        for (ApplicationProcess node : List.of(nodeA, nodeB)) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return node.post("/engine-rest/task/" + taskId + "/complete",
                        "{\"variables\":{\"dataLossApproved\":{\"value\":false},\"notApprovedReason\":"
                                + "{\"value\":\"no recovery needed\"}}}", "lab-manager");
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var response : both) {
            HttpResponse<String> r = response.get();
            statuses.add(r.statusCode());
            if (r.statusCode() == 409) {
                assertThat(r.body()).contains(taskId).contains("this request changed nothing");
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(204, 409);
        JsonNode ended = waitForEnd(nodeA, recovery);
        assertThat(passed(nodeB, recovery, "EndEvent_RecoveryNotApproved")).isEqualTo(1);
        assertThat(passed(nodeB, recovery, "UserTask_ApproveDataLossWindow")).as("the task was completed once").isEqualTo(1);
    }

    @Test
    @Order(4)
    void theScheduleFiresOnceAndTheRunOfANodeKilledHalfWayIsFinishedOnceByTheOther() throws Exception {
        JsonNode timer = scheduleTimers().get(0);
        SimpleDateFormat camundaDate = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        camundaDate.setTimeZone(TimeZone.getTimeZone("UTC"));
        HttpResponse<String> due = nodeA.put("/engine-rest/job/" + timer.get("id").asText() + "/duedate",
                "{\"duedate\":\"" + camundaDate.format(new Date(System.currentTimeMillis() - 1000)) + "\"}", "lab-admin");
        assertThat(due.statusCode()).as(due.body()).isEqualTo(204);

        JsonNode schedule = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() ->
                json(nodeB.get("/engine-rest/history/process-instance?processDefinitionKey=" + BackupProcess.SCHEDULE_KEY,
                        "lab-admin")), s -> s.size() == 1).get(0);
        JsonNode run = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() ->
                json(nodeB.get("/engine-rest/history/process-instance?superProcessInstanceId=" + schedule.get("id").asText(),
                        "lab-admin")), r -> r.size() == 1).get(0);
        String runId = run.get("id").asText();
        String setId = await().atMost(Duration.ofMinutes(1)).until(() -> businessKey(nodeB, runId), k -> k != null);
        Path items = root.resolve(setId + ".partial/.run/items");
        await().atMost(Duration.ofMinutes(2)).until(() -> doneItems(items) >= 2);

        nodeA.kill();
        assertThat(doneItems(items)).as("killed half-way").isBetween(2L, 11L);

        JsonNode ended = waitForEnd(nodeB, runId);
        assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(passed(nodeB, runId, BackupProcess.END_EVENT_BACKUP_PUBLISHED)).isEqualTo(1);
        // I1: one fire, one schedule instance, one run; the next fire is scheduled once
        assertThat(json(nodeB.get("/engine-rest/history/process-instance?processDefinitionKey=" + BackupProcess.SCHEDULE_KEY,
                "lab-admin"))).hasSize(1);
        assertThat(json(nodeB.get("/engine-rest/history/process-instance?processDefinitionKey=" + BackupProcess.KEY,
                "lab-admin"))).as("the first run and the scheduled one, nothing doubled").hasSize(2);
        assertThat(scheduleTimers()).hasSize(1);
        // I2: CURRENT names the complete, verified set; no .partial left
        assertThat(root.resolve("CURRENT")).hasContent(setId);
        BackupCycleIT.assertManifestMatchesTheFiles(root.resolve(setId), setId);
        try (Stream<Path> sets = Files.list(root)) {
            assertThat(sets.map(p -> p.getFileName().toString()))
                    .as("no second set, no leftover").containsExactlyInAnyOrder("CURRENT", firstSet, setId,
                            BackupShare.PASSED_VERIFICATION_FOLDER);
        }
        for (String cmdlet : List.of("Export-CsConfiguration", "Export-CsLisConfiguration", "Export-CsRgsConfiguration")) {
            assertThat(transcriptLines(setId, cmdlet)).as(cmdlet + " ran at most once more after the kill").isBetween(1L, 2L);
        }
        // I3: nothing of the run is left locked or waiting
        assertThat(json(nodeB.get("/engine-rest/external-task?processInstanceId=" + runId, "lab-admin"))).isEmpty();
        assertThat(json(nodeB.get("/engine-rest/incident", "lab-admin"))).isEmpty();
    }

    @Test
    @Order(5)
    void aNodeRestartedWithANewCronReplacesTheTimerWithoutDoublingIt() throws Exception {
        Date oldDue = camundaDate(scheduleTimers().get(0).get("dueDate").asText());
        Map<String, String> changed = new HashMap<>(properties);
        changed.put("lync.backup.schedule", NEW_CRON);

        nodeA = ApplicationProcess.launch(changed, environment, work.resolve("node-a.log")).awaitReady();

        List<JsonNode> timers = scheduleTimers();
        assertThat(timers).as("one timer, for the new cron").hasSize(1);
        Date expected = new CycleBusinessCalendar().resolveDuedate(NEW_CRON);
        assertThat(camundaDate(timers.get(0).get("dueDate").asText())).isEqualTo(expected).isNotEqualTo(oldDue);

        assertThat(query("SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT WHERE NAME_ = '" + BackupScheduleDeployment.DEPLOYMENT_NAME + "'"))
                .as("the schedule deployed once at the first start (by one of the two nodes) and once for the new cron")
                .containsExactly("2");
        assertThat(query("SELECT COUNT(*) FROM ACT_RE_PROCDEF WHERE KEY_ = '" + BackupProcess.KEY + "'"))
                .as("a restart with unchanged processes deploys nothing").containsExactly("1");
    }

    // ------------------------------------------------------------------ helpers

    private List<JsonNode> scheduleTimers() throws IOException {
        List<JsonNode> timers = new ArrayList<>();
        json(nodeB.isAlive() ? nodeB.get("/engine-rest/job?timers=true&processDefinitionKey=" + BackupProcess.SCHEDULE_KEY,
                "lab-admin") : nodeA.get("/engine-rest/job?timers=true&processDefinitionKey=" + BackupProcess.SCHEDULE_KEY,
                "lab-admin")).forEach(timers::add);
        return timers;
    }

    private static Date camundaDate(String text) throws Exception {
        return new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").parse(text);
    }

    private List<String> query(String sql) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", DATABASE).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static int passed(ApplicationProcess node, String processInstanceId, String activityId) throws IOException {
        return json(node.get("/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
                + "&activityId=" + activityId, "lab-admin")).size();
    }

    private static String startBackup(ApplicationProcess node) throws IOException {
        HttpResponse<String> response = node.post("/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start",
                "{}", "lab-operator");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("id").asText();
    }

    private static JsonNode waitForEnd(ApplicationProcess node, String processInstanceId) {
        return await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode pi = json(node.get("/engine-rest/history/process-instance/" + processInstanceId, "lab-admin"));
            return pi.hasNonNull("endTime") ? pi : null;
        }, pi -> pi != null);
    }

    private static String businessKey(ApplicationProcess node, String processInstanceId) throws IOException {
        JsonNode pi = json(node.get("/engine-rest/history/process-instance/" + processInstanceId, "lab-admin"));
        return pi.hasNonNull("businessKey") ? pi.get("businessKey").asText() : null;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " in " + dir));
        }
    }

    private static long doneItems(Path items) throws IOException {
        if (!Files.isDirectory(items)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(items)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+\\.json")).filter(p -> {
                try {
                    return Files.readString(p).contains("\"DONE\"");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private long transcriptLines(String setId, String cmdlet) throws IOException {
        try (Stream<String> lines = Files.lines(work.resolve("lab/transcript.log"))) {
            return lines.filter(l -> l.contains(setId) && l.contains(cmdlet)).count();
        }
    }

    /** The one mail whose subject starts with {@code subject}: it came, and for a few seconds no second one followed. */
    private MimeMessage assertMailedOnce(String subject) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> smtp.withSubject(subject).size() >= 1);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                .until(() -> smtp.withSubject(subject).size() == 1);
        return smtp.withSubject(subject).get(0);
    }
}
