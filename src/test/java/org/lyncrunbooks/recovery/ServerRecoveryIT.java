package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The recovery runbook end to end on the lab farm, with the real engine, job executor, REST API and lab: back up,
 * break a server the way a farm breaks, recover it by completing every person's task as that person, and prove the
 * restored state equals the backed-up one — row for row for databases, byte for byte for files.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=40"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerRecoveryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SqlStoreRef BE01 = new SqlStoreRef("be01.lab.contoso.local", "rtc");
    static final SqlStoreRef SE01 = new SqlStoreRef("se01.lab.contoso.local", "rtc");
    static String backupSetId;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    LabFarm farm;

    @Test
    @Order(1)
    void refusesAnUnknownServerOrSetThroughRestAndLeavesNoInstance() {
        backupSetId = backUp();

        ResponseEntity<String> unknown = startRecovery("exchange01.lab.contoso.local", "");
        assertThat(unknown.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(unknown.getBody()).contains("exchange01.lab.contoso.local").contains("is not a server of the topology");
        ResponseEntity<String> badSet = startRecovery("be01.lab.contoso.local", "20200101T000000Z", "testing the set check");
        assertThat(badSet.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(badSet.getBody()).contains("20200101T000000Z");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).count()).isZero();
    }

    @Test
    @Order(2)
    void onlyLabAdministratorsCanBreakTheLabFarm() {
        assertThat(rest.postForEntity("/api/lab/servers/fe02.lab.contoso.local/failure", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("lab-operator", "lab").postForEntity("/api/lab/servers/fe02.lab.contoso.local/failure",
                null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(farm.serverState("fe02.lab.contoso.local").operatingSystemInstalled()).isTrue();
    }

    @Test
    @Order(3)
    void recoversTheCentralManagementStoreHostToTheBackedUpState() throws Exception {
        Map<String, Object> before = databases(BE01, "xds", "lis", "rtcxds", "rgsconfig");
        breakServer("be01.lab.contoso.local");
        assertThat(farm.serverState("be01.lab.contoso.local").operatingSystemInstalled()).isFalse();

        // the operator gives a wrong address once: the check sends the step back with its reason
        String recoveryId = started(startRecovery("be01.lab.contoso.local", ""));
        crew().workUntil("be01.lab.contoso.local", recoveryId, RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER,
                Duration.ofMinutes(2), task -> { });
        Task prepare = tasks.createTaskQuery().processInstanceBusinessKey("be01.lab.contoso.local")
                .taskDefinitionKey(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER).singleResult();
        identity.setAuthentication("lab-operator", java.util.List.of("lync-operators"));
        try {
            tasks.claim(prepare.getId(), "lab-operator");
            tasks.complete(prepare.getId(), Map.of("sameFqdnConfirmed", true, "serverIpAddress", "192.0.2.99"));
        } finally {
            identity.clearAuthentication();
        }
        finish("be01.lab.contoso.local", recoveryId);

        assertThat(databases(BE01, "xds", "lis", "rtcxds", "rgsconfig")).isEqualTo(before);
        assertThat(farm.centralManagementStoreLocation()).contains(BE01);
        assertThat(farm.serverState("fe01.lab.contoso.local").runningServices()).isNotEmpty();
        JsonNode report = report(recoveryId);
        assertThat(report.get("procedure").asText()).startsWith("R4");
        assertThat(report.get("steps")).anySatisfy(s -> {
            assertThat(s.get("activityId").asText()).isEqualTo("UserTask_InstallSqlServer");
            assertThat(s.get("who").asText()).isEqualTo("lab-dba");
        });
        assertThat(report.get("achievedRto").asText()).startsWith("PT");
        assertThat(report.get("decisions")).anySatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("sent back");
            assertThat(d.get("outcome").asText()).isEqualTo("Prepare clean server sent back");
            assertThat(d.get("reason").asText()).contains("192.0.2.99");
        });

        // the timeline shows the report's figures; the report stays reachable after the recovery ended
        JsonNode timeline = readTree(rest.withBasicAuth("lab-manager", "lab")
                .getForEntity("/api/manager/recoveries/" + recoveryId, String.class).getBody());
        assertThat(timeline.get("summary").get("rto").asText()).isEqualTo(report.get("achievedRto").asText());
        assertThat(timeline.get("summary").get("rpo").asText()).isEqualTo(report.get("achievedRpo").asText());
        assertThat(timeline.get("summary").get("rtoMet").asBoolean()).isTrue();
        assertThat(timeline.get("report").get("decisions").toString()).contains("192.0.2.99");
        String link = (String) history.createHistoricVariableInstanceQuery().processInstanceId(recoveryId)
                .variableName(RecoveryVariables.RECOVERY_REPORT_URL).singleResult().getValue();
        ResponseEntity<String> download = rest.withBasicAuth("lab-operator", "lab").getForEntity(link, String.class);
        assertThat(download.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("recovery-report-" + recoveryId + ".json");
        assertThat(readTree(download.getBody())).isEqualTo(report);
    }

    @Test
    @Order(6)
    void aServerRecoveredAgainWhileItAnswersIsSentBackToACleanServerWhenItsSqlInstanceIsInTheWay() throws Exception {
        // be01 is back and holds its Lync databases: a recovery of it needs a reason, and the operator who does not
        // install the computer from scratch finds SQL Server in the way, with the way back instead of a dead end
        ResponseEntity<String> refused = startRecovery("be01.lab.contoso.local", "");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("be01.lab.contoso.local still answers");
        String recoveryId = started(startRecovery("be01.lab.contoso.local", "", "its databases were damaged by a storage fault"));
        java.util.List<String> seen = new java.util.ArrayList<>();
        crew().workUntil("be01.lab.contoso.local", recoveryId, null, Duration.ofMinutes(2),
                task -> seen.add(task.getTaskDefinitionKey()));

        assertThat(seen).containsSubsequence("UserTask_PrepareCleanServer", "UserTask_InstallSqlServer",
                "UserTask_ResolveSqlInstance", "UserTask_PrepareCleanServer", "UserTask_InstallSqlServer",
                "UserTask_ConfirmServicesAndSignIn");
        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(recoveryId).singleResult();
        assertThat(done.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
        assertThat(report(recoveryId).get("decisions").toString()).contains("its databases were damaged by a storage fault")
                .contains("clean server again");
    }

    @Test
    @Order(7)
    void aRecoveryThatIsNotApprovedEndsWithItsReasonAndNoMetBadge() throws Exception {
        breakServer("fe02.lab.contoso.local");
        String recoveryId = started(startRecovery("fe02.lab.contoso.local", ""));
        Task approve = await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().processInstanceId(recoveryId)
                .taskDefinitionKey(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW).singleResult(), t -> t != null);
        identity.setAuthentication("lab-manager", java.util.List.of("lync-managers"));
        try {
            tasks.claim(approve.getId(), "lab-manager");
            tasks.complete(approve.getId(), Map.of("dataLossApproved", false, "notApprovedReason", "fail over to pool02 instead"));
        } finally {
            identity.clearAuthentication();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> ended(recoveryId));

        JsonNode timeline = readTree(rest.withBasicAuth("lab-manager", "lab")
                .getForEntity("/api/manager/recoveries/" + recoveryId, String.class).getBody());
        assertThat(timeline.get("summary").get("state").asText()).isEqualTo("ended");
        assertThat(timeline.get("summary").get("rpoMet").isNull()).as("no badge for a recovery that achieved nothing").isTrue();
        assertThat(timeline.get("summary").get("rtoMet").isNull()).isTrue();
        assertThat(timeline.get("report").get("recovered").asBoolean()).isFalse();
        assertThat(timeline.get("report").get("decisions")).anySatisfy(d -> {
            assertThat(d.get("outcome").asText()).isEqualTo("not approved: recovery stopped");
            assertThat(d.get("reason").asText()).isEqualTo("fail over to pool02 instead");
        });
    }

    @Test
    @Order(4)
    void recoversAStandardEditionServerWithItsFileStore() throws Exception {
        Map<String, Object> before = databases(SE01, "rtcxds", "rtcshared");
        Map<String, String> files = tree(fileStore("lab-fs02"));
        breakServer("se01.lab.contoso.local");
        assertThat(tree(fileStore("lab-fs02"))).isEmpty();

        recover("se01.lab.contoso.local");

        assertThat(databases(SE01, "rtcxds", "rtcshared")).isEqualTo(before);
        assertThat(tree(fileStore("lab-fs02"))).isEqualTo(files);
    }

    @Test
    @Order(5)
    void recoversAFileStoreByteForByte() throws Exception {
        Map<String, String> files = tree(fileStore("lab-fs01"));
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/file-stores/lab-fs01/failure", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tree(fileStore("lab-fs01"))).isEmpty();

        // the file server itself still answers: only its share's content was lost
        String recoveryId = started(startRecovery("fs01.lab.contoso.local", "", "the share's content was deleted"));
        finish("fs01.lab.contoso.local", recoveryId);

        assertThat(tree(fileStore("lab-fs01"))).isEqualTo(files);
        assertThat(farm.fileStoreAclsSet("lab-fs01")).isTrue();
    }

    // ------------------------------------------------------------------ the people

    private String recover(String fqdn) {
        String recoveryId = started(startRecovery(fqdn, ""));
        finish(fqdn, recoveryId);
        return recoveryId;
    }

    private static String started(ResponseEntity<String> started) {
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        return readTree(started.getBody()).get("id").asText();
    }

    private void finish(String fqdn, String recoveryId) {
        crew().workUntil(fqdn, recoveryId, null, Duration.ofMinutes(2), task -> assertThat(task.getTaskDefinitionKey())
                .as("no check sent a task back, no override was needed")
                .isNotIn("UserTask_DecideTargetOverride", "UserTask_CleanTarget", "UserTask_ChooseAnotherBackupSet"));
        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(recoveryId).singleResult();
        assertThat(done.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
        assertThat(done.getBusinessKey()).isEqualTo(fqdn);
    }

    // ------------------------------------------------------------------ helpers

    private String backUp() {
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        await().atMost(Duration.ofMinutes(2)).until(() -> ended(run.getId()));
        return history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    private void breakServer(String fqdn) {
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/servers/" + fqdn + "/failure", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(farm.resolves(fqdn)).isFalse();
    }

    private ResponseEntity<String> startRecovery(String fqdn, String setId) {
        return startRecovery(fqdn, setId, "");
    }

    private ResponseEntity<String> startRecovery(String fqdn, String setId, String rebuildAnywayReason) {
        String body = "{\"variables\":{\"failedServerFqdn\":{\"value\":\"" + fqdn + "\"},\"backupSetId\":{\"value\":\"" + setId
                + "\"},\"incidentReference\":{\"value\":\"INC-4711\"},\"rebuildAnywayReason\":{\"value\":\""
                + rebuildAnywayReason + "\"}}}";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/" + RecoveryProcess.KEY + "/start", new HttpEntity<>(body, headers), String.class);
    }

    private LabCrew crew() {
        return new LabCrew(tasks, identity, history);
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    private JsonNode report(String recoveryId) throws IOException {
        FileValue file = history.createHistoricVariableInstanceQuery().processInstanceId(recoveryId)
                .variableName(RecoveryVariables.RECOVERY_REPORT).singleResult().getTypedValue() instanceof FileValue f ? f : null;
        assertThat(file).isNotNull();
        return JSON.readTree(file.getValue());
    }

    private Map<String, Object> databases(SqlStoreRef store, String... names) {
        Map<String, Object> all = new TreeMap<>();
        for (String name : names) {
            all.put(name, farm.tables(store, name));
        }
        return all;
    }

    private Path fileStore(String name) {
        return farm.topology().fileStore(name).orElseThrow().mountPath();
    }

    /** Every file of the tree but the Meeting.Active lock files (never backed up): path → SHA-256 and mtime. */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equalsIgnoreCase("Meeting.Active"))
                    .forEach(all::add);
        }
        for (Path p : all) {
            files.put(root.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(p))) + " " + Files.getLastModifiedTime(p).toMillis());
        }
        return files;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
