package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.testsupport.LabHttp;
import org.lyncrunbooks.testsupport.WebappSession;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every refusal of the runbooks over HTTP, as a table: each request a person or script gets wrong answers with its
 * 4xx status and the runbook's own reason — the same words Tasklist shows, since the webapps' API Tasklist calls
 * answers the same — and leaves exactly one WARN line in the log, no ERROR and no stack trace; nothing is started,
 * completed or stored.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=10",
        "lync.lab.files-per-store=20",
        "lync.backup.item.retries=1",
        "lync.backup.item.retry-delay=PT0S"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class RefusalsIT {

    static final Path WORK = LabWork.folder(RefusalsIT.class);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CMS_HOST = "be01.lab.contoso.local";
    static final String RUNNING_FRONT_END = "fe01.lab.contoso.local";
    static final String STANDARD_EDITION = "se01.lab.contoso.local";
    static final String START = "/engine-rest/process-definition/key/" + RecoveryProcess.KEY + "/start";
    static String setId;
    static String recoveryId;

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    LabFarm farm;

    /** One row of the table: a request and what it must be answered with. */
    record Refusal(String what, String user, String path, String body, int status, String message) {
    }

    @Test
    @Order(1)
    void everyRefusedRecoveryStartAnswersWithItsStatusAndReasonAndOneWarnLine(CapturedOutput output) {
        setId = backUp();
        farm.destroyServer(CMS_HOST);
        farm.destroyServer("se01.lab.contoso.local");
        farm.destroyServer("mon01.lab.contoso.local");
        ResponseEntity<String> admitted = post("lab-operator", START, start(CMS_HOST, ""));
        assertThat(admitted.getStatusCode().value()).as(admitted.getBody()).isEqualTo(200);
        recoveryId = json(admitted.getBody()).get("id").asText();
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString();

        List<Refusal> table = List.of(
                new Refusal("an FQDN that is not in the topology", "lab-operator", START,
                        start("exchange01.lab.contoso.local", ""), 400,
                        "'exchange01.lab.contoso.local' is not a server of the topology"),
                new Refusal("no failed server", "lab-operator", START, "{\"variables\":{}}", 400,
                        "failedServerFqdn is required: the FQDN of the server that failed"),
                new Refusal("a set id that is not one", "lab-operator", START, start("fe02.lab.contoso.local", "2026-11-26"),
                        400, "'2026-11-26' is not a backup set id"),
                new Refusal("a set that does not exist", "lab-operator", START,
                        start("mon01.lab.contoso.local", "20200101T000000Z"), 404, "no backup set 20200101T000000Z on "),
                new Refusal("an incident time that is not a time", "lab-operator", START,
                        variables("\"failedServerFqdn\":{\"value\":\"" + CMS_HOST + "\"},\"incidentTime\":{\"value\":\"yesterday\"}"),
                        400, "incidentTime 'yesterday' is not a date and time"),
                new Refusal("an incident in the future", "lab-operator", START,
                        variables("\"failedServerFqdn\":{\"value\":\"pcsql01.lab.contoso.local\"},\"incidentTime\":{\"value\":\""
                                + tomorrow + "\"}"), 400, "is in the future"),
                new Refusal("a variable of the wrong type", "lab-operator", START,
                        variables("\"failedServerFqdn\":{\"value\":true}"), 400,
                        "Failed server FQDN (failedServerFqdn) must be text, not a Boolean (true)"),
                new Refusal("an incident reference longer than the form allows", "lab-operator", START,
                        variables("\"failedServerFqdn\":{\"value\":\"pcsql01.lab.contoso.local\"},\"incidentReference\":"
                                + "{\"value\":\"" + "x".repeat(4001) + "\"}"), 400,
                        "incidentReference is 4001 characters long; at most 100 are allowed"),
                new Refusal("a server that still answers, without a reason to rebuild it", "lab-operator", START,
                        start(RUNNING_FRONT_END, ""), 409, RUNNING_FRONT_END + " still answers: Get-CsWindowsService"),
                new Refusal("a second recovery of the same server, in other letters", "lab-operator", START,
                        start(CMS_HOST.toUpperCase(), ""), 409, "a recovery of " + CMS_HOST + " is already running: " + recoveryId));

        WebappSession tasklist = new LabHttp(base()).webapp("lab-operator");
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(RecoveryProcess.KEY)
                .latestVersion().singleResult().getId();
        for (Refusal refusal : table) {
            String message = refused(output, refusal);
            // Tasklist submits the start form to the webapps' API: the same answer, the same words
            int before = output.getOut().length();
            HttpResponse<String> shown = tasklist.postJson(WebappSession.ENGINE_API + "/process-definition/" + definitionId
                    + "/submit-form", refusal.body());
            assertThat(shown.statusCode()).as("Tasklist: %s", refusal.what()).isEqualTo(refusal.status());
            assertThat(json(shown.body()).get("message").asText()).as("Tasklist: %s", refusal.what()).isEqualTo(message);
            assertOneWarnLine(output.getOut().substring(before), refusal.what() + " (Tasklist)");
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).list())
                .as("only the admitted recovery exists").extracting(p -> p.getId()).containsExactly(recoveryId);

        // Recover a pool (R9): the same rules, the same answers
        String pool = "/engine-rest/process-definition/key/" + RecoveryProcess.Pool.KEY + "/start";
        List<Refusal> pools = List.of(
                new Refusal("no pool", "lab-operator", pool, "{\"variables\":{}}", 400,
                        "poolFqdn is required: the FQDN of the pool that lost servers"),
                new Refusal("a pool that is not in the topology", "lab-operator", pool,
                        variables("\"poolFqdn\":{\"value\":\"pool99.lab.contoso.local\"}"), 404,
                        "'pool99.lab.contoso.local' is not a pool of the topology"),
                new Refusal("a pool that serves no users", "lab-operator", pool,
                        variables("\"poolFqdn\":{\"value\":\"edge01.lab.contoso.local\"}"), 422,
                        "pool edge01.lab.contoso.local (edge) is not a Front End pool or Standard Edition server"),
                new Refusal("a server of another pool", "lab-operator", pool,
                        variables("\"poolFqdn\":{\"value\":\"pool01.lab.contoso.local\"},\"lostServers\":{\"value\":\""
                                + STANDARD_EDITION + "\"}"), 422,
                        "'" + STANDARD_EDITION + "' is not a server of pool pool01.lab.contoso.local"),
                new Refusal("a pool one of whose servers is being recovered", "lab-operator", pool,
                        variables("\"poolFqdn\":{\"value\":\"POOL01.lab.contoso.local\"}"), 409,
                        "a recovery of " + CMS_HOST + " is already running: " + recoveryId));
        String poolDefinitionId = repository.createProcessDefinitionQuery().processDefinitionKey(RecoveryProcess.Pool.KEY)
                .latestVersion().singleResult().getId();
        for (Refusal refusal : pools) {
            String message = refused(output, refusal);
            int before = output.getOut().length();
            HttpResponse<String> shown = tasklist.postJson(WebappSession.ENGINE_API + "/process-definition/"
                    + poolDefinitionId + "/submit-form", refusal.body());
            assertThat(shown.statusCode()).as("Tasklist: %s", refusal.what()).isEqualTo(refusal.status());
            assertThat(json(shown.body()).get("message").asText()).as("Tasklist: %s", refusal.what()).isEqualTo(message);
            assertOneWarnLine(output.getOut().substring(before), refusal.what() + " (Tasklist)");
        }
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.Pool.KEY).count())
                .as("no pool recovery was left behind").isZero();
    }

    @Test
    @Order(2)
    void everyRefusedDecisionAnswersWithItsStatusAndReasonAndLeavesTheTaskOpen(CapturedOutput output) {
        Task approve = await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().processInstanceId(recoveryId)
                .taskDefinitionKey(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW).singleResult(), t -> t != null);
        assertThat(approve.getName()).isEqualTo("Approve data-loss window — " + CMS_HOST);
        assertThat(tasks.getVariable(approve.getId(), "dataLossApproved")).as("nothing is decided for the manager").isNull();
        String complete = "/engine-rest/task/" + approve.getId() + "/complete";

        List<Refusal> table = List.of(
                new Refusal("a completion without a decision", "lab-manager", complete, "{}", 400,
                        "no decision was made: Do you approve the data-loss window (restore from this set)? Choose one "
                                + "answer (dataLossApproved: true or false)."),
                new Refusal("'yes' for a decision", "lab-manager", complete, variables("\"dataLossApproved\":{\"value\":\"yes\"}"),
                        400, "dataLossApproved must be true or false (a JSON boolean), not the text 'yes'"),
                new Refusal("'yes' typed as a Boolean", "lab-manager", complete,
                        variables("\"dataLossApproved\":{\"value\":\"yes\",\"type\":\"Boolean\"}"), 400,
                        "Cannot convert value 'yes' of type 'Boolean' to java type java.lang.Boolean"),
                new Refusal("a stop without its reason", "lab-manager", complete,
                        variables("\"dataLossApproved\":{\"value\":false}"), 400, "not approving stops this recovery: say why"),
                new Refusal("a note longer than the form allows", "lab-manager", complete,
                        variables("\"dataLossApproved\":{\"value\":true},\"approvalNote\":{\"value\":\"" + "n".repeat(1001) + "\"}"),
                        400, "approvalNote is 1001 characters long; at most 1000 are allowed"));
        for (Refusal refusal : table) {
            refused(output, refusal);
            assertThat(tasks.createTaskQuery().taskId(approve.getId()).count()).as("%s leaves the task open", refusal.what())
                    .isEqualTo(1);
        }
        assertThat(history.createHistoricDetailQuery().variableUpdates().processInstanceId(recoveryId).list())
                .as("no refused value was stored").noneMatch(d -> "dataLossApproved".equals(
                        ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));

        ResponseEntity<String> approved = post("lab-manager", complete, variables("\"dataLossApproved\":{\"value\":true}"));
        assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(204);
    }

    @Test
    @Order(3)
    void aPastedPrivateKeyIsRefusedWithThatReasonAndKeptNowhere(CapturedOutput output) {
        // the Standard Edition server carries a Lync certificate (the CMS host's Back End SQL Server does not); while the
        // CMS host is being recovered no other Lync server may start (R9), so that recovery is stopped first
        runtime.deleteProcessInstance(recoveryId, "stopped to recover the Standard Edition server in this test");
        ResponseEntity<String> started = post("lab-operator", START, start(STANDARD_EDITION, ""));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        Task approve = openTask(STANDARD_EDITION, RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW);
        ResponseEntity<String> approved = post("lab-manager", "/engine-rest/task/" + approve.getId() + "/complete",
                variables("\"dataLossApproved\":{\"value\":true}"));
        assertThat(approved.getStatusCode().value()).as(approved.getBody()).isEqualTo(204);
        Task prepare = openTask(STANDARD_EDITION, RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER);
        ResponseEntity<String> prepared = post("lab-operator", "/engine-rest/task/" + prepare.getId() + "/complete",
                variables("\"sameFqdnConfirmed\":{\"value\":true},\"outOfScopeReviewed\":{\"value\":true}"));
        assertThat(prepared.getStatusCode().value()).as(prepared.getBody()).isEqualTo(204);
        Task certificates = openTask(STANDARD_EDITION, RecoveryProcess.RebuildServer.USER_TASK_RESTORE_CERTIFICATES);
        String labPem = (String) tasks.getVariable(certificates.getId(), "certificatePem");
        String withKey = labPem + "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n";

        refused(output, new Refusal("a certificate pasted with its private key", "lab-operator",
                "/engine-rest/task/" + certificates.getId() + "/complete",
                variables("\"certificateThumbprint\":{\"value\":\"AB\"},\"certificatePem\":{\"value\":\""
                        + labPem.replace("\n", "\\n") + withKey.substring(labPem.length()) + "\"}"),
                400, "never paste the private key"));

        assertThat(tasks.getVariable(certificates.getId(), "certificatePem")).isEqualTo(labPem);
        assertThat(history.createHistoricDetailQuery().variableUpdates().list()).noneMatch(d ->
                String.valueOf(((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue()).contains("PRIVATE KEY"));
        ResponseEntity<String> details = rest.withBasicAuth("lab-manager", "lab")
                .getForEntity("/engine-rest/history/detail?variableName=certificatePem", String.class);
        assertThat(details.getBody()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @Order(4)
    void aSecondBackupStartIsRefusedWithTheRunningSetsIdAndTheReviewNeedsADecision(CapturedOutput output) {
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/cmdlets/Export-CsRgsConfiguration/fault",
                jsonEntity("{\"mode\":\"FAIL\",\"message\":\"The Response Group service is not available.\"}"), String.class)
                .getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> started = post("lab-operator", "/engine-rest/process-definition/key/" + BackupProcess.KEY
                + "/start", "{}");
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String runId = json(started.getBody()).get("id").asText();
        String startedSet = json(started.getBody()).get("businessKey").asText();
        assertThat(startedSet).as("the start answers with the run's set id").matches("\\d{8}T\\d{6}Z");
        Task review = await().atMost(Duration.ofMinutes(2)).until(() -> tasks.createTaskQuery().processInstanceId(runId)
                .taskDefinitionKey(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP).singleResult(), t -> t != null);
        assertThat(review.getName()).isEqualTo("Review failed backup — " + startedSet);
        String complete = "/engine-rest/task/" + review.getId() + "/complete";

        List<Refusal> table = List.of(
                new Refusal("a backup started while one is in progress", "lab-operator",
                        "/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start", "{}", 409,
                        "a backup run is already in progress: set " + startedSet),
                new Refusal("a review without a decision", "lab-operator", complete, "{}", 400,
                        "no decision was made: Retry the failed items or abandon the run? Choose one of retry, abandon"),
                new Refusal("an abandon without its reason", "lab-operator", complete,
                        variables("\"reviewDecision\":{\"value\":\"abandon\"}"), 400, "abandoning a run: say why"),
                new Refusal("a decision that is not one of the choices", "lab-operator", complete,
                        variables("\"reviewDecision\":{\"value\":\"later\"}"), 400, "reviewDecision must be one of retry, abandon"));
        for (Refusal refusal : table) {
            refused(output, refusal);
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(BackupProcess.KEY).count()).isEqualTo(1);

        ResponseEntity<String> abandoned = post("lab-operator", complete,
                variables("\"reviewDecision\":{\"value\":\"abandon\"},\"abandonReason\":{\"value\":\"Response Group is down\"}"));
        assertThat(abandoned.getStatusCode().value()).as(abandoned.getBody()).isEqualTo(204);
        rest.withBasicAuth("lab-admin", "lab").delete("/api/lab/cmdlets/Export-CsRgsConfiguration/fault");
        await().atMost(Duration.ofMinutes(1)).until(() -> ended(runId));
    }

    @Test
    @Order(5)
    void aMissingCurrentIsRefusedWithThePublishedSetsAndHealthSaysSo(CapturedOutput output) throws IOException {
        Path current = WORK.resolve("backups").resolve("CURRENT");
        assertThat(rest.withBasicAuth("lab-manager", "lab").getForEntity("/actuator/health/backup", String.class).getBody())
                .doesNotContain("CURRENT is missing");
        Files.delete(current);

        refused(output, new Refusal("a recovery from CURRENT when CURRENT is missing", "lab-operator", START,
                variables("\"failedServerFqdn\":{\"value\":\"fe02.lab.contoso.local\"},\"rebuildAnywayReason\":{\"value\":"
                        + "\"its services fail to start\"}"), 409,
                "CURRENT is missing on " + WORK.resolve("backups").toAbsolutePath().normalize()));
        ResponseEntity<String> withSets = post("lab-operator", START, variables("\"failedServerFqdn\":{\"value\":"
                + "\"fe02.lab.contoso.local\"},\"rebuildAnywayReason\":{\"value\":\"its services fail to start\"}"));
        assertThat(json(withSets.getBody()).get("message").asText()).contains("Name the set to restore from (the newest first): "
                + setId);
        ResponseEntity<String> health = rest.withBasicAuth("lab-manager", "lab").getForEntity("/actuator/health/backup", String.class);
        assertThat(health.getStatusCode().value()).isEqualTo(503);
        assertThat(health.getBody()).contains("CURRENT is missing on ");
        // (the next published backup writes CURRENT again: BackupShareTest; the lab's CMS host is lost in this test)
        Files.writeString(current, setId + "\n");
    }

    // ------------------------------------------------------------------ the table's checks

    /** Sends the refused request; asserts its status, its message and its one WARN line; returns the message. */
    private String refused(CapturedOutput output, Refusal refusal) {
        int before = output.getOut().length();
        ResponseEntity<String> answer = post(refusal.user(), refusal.path(), refusal.body());
        String log = output.getOut().substring(before);

        assertThat(answer.getStatusCode().value()).as("%s: %s", refusal.what(), answer.getBody()).isEqualTo(refusal.status());
        String message = json(answer.getBody()).get("message").asText();
        assertThat(message).as(refusal.what()).contains(refusal.message());
        assertThat(message).as("%s: the message names no engine internals", refusal.what())
                .doesNotContain("ENGINE-").doesNotContain("Cannot instantiate process definition");
        assertOneWarnLine(log, refusal.what());
        return message;
    }

    private static void assertOneWarnLine(String log, String what) {
        List<String> lines = log.lines().toList();
        assertThat(lines.stream().filter(l -> l.contains(" WARN ") && l.contains("Refused "))).as("%s: one WARN line in %s", what, log)
                .hasSize(1);
        assertThat(lines).as("%s: no ERROR, no stack trace", what).noneMatch(l -> l.contains(" ERROR ")
                || l.startsWith("\tat ") || l.startsWith("Caused by") || l.contains("ENGINE-16004"));
    }

    // ------------------------------------------------------------------ helpers

    private Task openTask(String key) {
        return openTask(CMS_HOST, key);
    }

    private Task openTask(String fqdn, String key) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(fqdn)
                .taskDefinitionKey(key).singleResult(), t -> t != null);
    }

    private static String start(String fqdn, String set) {
        return variables("\"failedServerFqdn\":{\"value\":\"" + fqdn + "\"},\"backupSetId\":{\"value\":\"" + set
                + "\"},\"incidentReference\":{\"value\":\"INC-4711\"}");
    }

    private static String variables(String inner) {
        return "{\"variables\":{" + inner + "}}";
    }

    private ResponseEntity<String> post(String user, String path, String body) {
        return rest.withBasicAuth(user, "lab").postForEntity(path, jsonEntity(body), String.class);
    }

    private static HttpEntity<String> jsonEntity(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private String backUp() {
        String id = runtime.startProcessInstanceByKey(BackupProcess.KEY).getId();
        await().atMost(Duration.ofMinutes(2)).until(() -> ended(id));
        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(done.getEndActivityId()).isEqualTo(BackupProcess.END_EVENT_BACKUP_PUBLISHED);
        return done.getBusinessKey();
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
