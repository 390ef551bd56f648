package org.lyncrunbooks.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A mirrored Back End loses its principal with its witness already gone (lab shape {@code mirrored-back-end}), through
 * REST as the lab's people: nobody signs in until the runbook fails the databases over to the mirror with
 * {@code -Force}; the user's contact written before the loss is served by the mirror; the mirroring is removed; a DBA
 * first brings the old server back with its stale databases, which the runbook refuses, then rebuilds it clean; the
 * mirror is installed on it and reads synchronized, with the user's data on both sides.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.shape=mirrored-back-end",
        "lync.lab.users-per-pool=12",
        "lync.lab.files-per-store=20"})
class MirrorRecoveryIT {

    static final String POOL = "pool01.lab.contoso.local";
    static final String BE01 = "be01.lab.contoso.local";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    LabFarm farm;
    @Autowired
    LabShell shell;

    LabHttp http;

    @Test
    void aLostPrincipalIsFailedOverRebuiltCleanAndMirroredAgainByItsPeopleThroughRestWithTheUsersDataKept() throws Exception {
        http = new LabHttp("http://localhost:" + port);
        String user = JSON.readTree(http.get("lab-operator", "/api/lab/pools/" + POOL + "/users").body()).get(0).asText();
        assertThat(http.post("lab-operator", "/api/lab/users/" + user + "/contacts",
                "{\"contactUri\":\"sip:before-loss@lab.contoso.com\"}").statusCode()).isEqualTo(200);
        assertThat(http.post("lab-admin", "/api/lab/sql-servers/sqlw01.lab.contoso.local/failure", null).statusCode())
                .isEqualTo(200);
        assertThat(http.post("lab-admin", "/api/lab/sql-servers/" + BE01 + "/failure", null).statusCode()).isEqualTo(200);
        assertThat(http.post("lab-operator", "/api/lab/users/" + user + "/sign-in", null).statusCode()).isEqualTo(409);

        HttpResponse<String> wrong = start("fe01.lab.contoso.local");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.body()).contains("is neither the primary (be01.lab.contoso.local) nor the mirror");
        HttpResponse<String> started = start(BE01);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).get("id").asText();
        assertThat(JSON.readTree(started.body()).get("businessKey").asText()).isEqualTo(POOL);

        JsonNode rebuild = task(id, MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER, "lab-operator");
        HttpResponse<String> signIn = http.post("lab-operator", "/api/lab/users/" + user + "/sign-in", null);
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.body()).contains("sip:before-loss@lab.contoso.com");
        assertThat(transcript()).containsSubsequence("Get-CsDatabaseMirrorState",
                "Invoke-CsDatabaseFailover -PoolFqdn '" + POOL + "' -DatabaseType 'User' -NewPrincipal 'Mirror' -Force",
                "Uninstall-CsMirrorDatabase -DatabaseType 'User' -SqlServerFqdn 'be01m.lab.contoso.local'");

        // the old server comes back with what it held: not clean, so the DBA is asked again
        assertThat(http.json("lab-admin", "DELETE", "/api/lab/sql-servers/" + BE01 + "/failure", null).statusCode())
                .isEqualTo(200);
        assertThat(complete(rebuild, "lab-operator", "{\"sqlServerRebuilt\":{\"value\":true}}").statusCode())
                .isEqualTo(204);
        JsonNode again = taskAfter(id, MirrorRecoveryProcess.USER_TASK_REBUILD_LOST_SQL_SERVER, "lab-operator",
                rebuild.get("id").asText());
        assertThat(variable(again, MirrorVariables.REBUILD_REFUSAL)).contains("is not clean: it holds xds");

        // the DBA rebuilds it (the lab's hands install a clean instance when the machine is down)
        assertThat(http.post("lab-admin", "/api/lab/sql-servers/" + BE01 + "/failure", null).statusCode()).isEqualTo(200);
        assertThat(complete(again, "lab-operator", "{\"sqlServerRebuilt\":{\"value\":true}}").statusCode())
                .isEqualTo(204);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> ended(id).isPresent()
                || blocked(id));
        assertThat(blocked(id)).as("blocked: %s", blockReason(id)).isFalse();
        assertThat(ended(id)).contains(MirrorRecoveryProcess.END_EVENT_MIRROR_REESTABLISHED);
        String state = shell.run("$ErrorActionPreference = 'Stop'\nGet-CsDatabaseMirrorState -PoolFqdn '" + POOL
                + "' -DatabaseType 'User'", Duration.ofMinutes(1)).stdout();
        assertThat(state).contains("StateOnPrimary           : Mirror\nStateOnMirror            : Principal\n"
                + "MirroringStatusOnPrimary : synchronized\nMirroringStatusOnMirror  : synchronized");
        assertThat(transcript()).containsSubsequence("Install-CsMirrorDatabase -ConfiguredDatabases -FileShare "
                + "'\\\\fs01.lab.contoso.local\\mirrorshare' -SqlServerFqdn 'be01m.lab.contoso.local' "
                + "-DropExistingDatabasesOnMirror");
        assertThat(farm.tables(new org.lyncrunbooks.topology.SqlStoreRef(BE01, "rtc"), "rtcxds").get("contacts").stream()
                .anyMatch(r -> "sip:before-loss@lab.contoso.com".equals(r.get("contact_uri")))).isTrue();
        assertThat(http.post("lab-operator", "/api/lab/users/" + user + "/sign-in", null).body())
                .contains("sip:before-loss@lab.contoso.com");
    }

    private boolean blocked(String id) throws Exception {
        return JSON.readTree(http.get("lab-operator", "/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey="
                + MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP).body()).size() > 0;
    }

    private String blockReason(String id) throws Exception {
        JsonNode tasks = JSON.readTree(http.get("lab-operator", "/engine-rest/task?processInstanceId=" + id
                + "&taskDefinitionKey=" + MirrorRecoveryProcess.USER_TASK_RESOLVE_BLOCKED_STEP).body());
        return tasks.size() == 0 ? "" : variable(tasks.get(0), FailoverVariables.BLOCK_REASON);
    }

    private HttpResponse<String> start(String lostServer) {
        return http.post("lab-operator", "/engine-rest/process-definition/key/" + MirrorRecoveryProcess.KEY + "/start",
                "{\"variables\":{\"poolFqdn\":{\"value\":\"" + POOL + "\"},\"lostSqlServerFqdn\":{\"value\":\""
                        + lostServer + "\"},\"incidentReference\":{\"value\":\"INC-4711\"}}}");
    }

    private JsonNode task(String id, String taskKey, String user) {
        return taskAfter(id, taskKey, user, "");
    }

    private JsonNode taskAfter(String id, String taskKey, String user, String notId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode tasks = JSON.readTree(http.get(user, "/engine-rest/task?processInstanceId=" + id
                    + "&taskDefinitionKey=" + taskKey).body());
            found[0] = tasks.size() == 1 && !tasks.get(0).get("id").asText().equals(notId) ? tasks.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private String variable(JsonNode task, String name) throws Exception {
        HttpResponse<String> v = http.get("lab-operator", "/engine-rest/task/" + task.get("id").asText() + "/variables/" + name);
        assertThat(v.statusCode()).as(v.body()).isEqualTo(200);
        return JSON.readTree(v.body()).get("value").asText();
    }

    private HttpResponse<String> complete(JsonNode task, String user, String variables) {
        String id = task.get("id").asText();
        http.post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + user + "\"}");
        return http.post(user, "/engine-rest/task/" + id + "/complete", "{\"variables\":" + variables + "}");
    }

    private Optional<String> ended(String id) throws Exception {
        JsonNode pi = JSON.readTree(http.get("lab-admin", "/engine-rest/history/process-instance/" + id).body());
        if (!pi.hasNonNull("endTime")) {
            return Optional.empty();
        }
        JsonNode end = JSON.readTree(http.get("lab-admin", "/engine-rest/history/activity-instance?processInstanceId=" + id
                + "&activityType=noneEndEvent").body());
        return Optional.of(end.size() == 0 ? "" : end.get(0).get("activityId").asText());
    }

    private String transcript() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(farm.transcriptFile())) {
            lines.add(JSON.readTree(line).path("cmdlet").asText(line));
        }
        return String.join("\n", lines);
    }
}
