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
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A lab site loss from Tasklist's point of view, through REST as the lab's people (lab shape {@code paired-pools}):
 * Site1 with pool01 and the Central Management store is lost, and with it the backup pool pool02 is down at first, so
 * the runbook stops at its first step with Microsoft's reason; once pool02 runs again the operator retries, the manager
 * chooses failover over a rebuild with both data-loss windows in front of them, the runbook fails the store over, re-points
 * the Edge, fails the pool over and imports LIS, and a user of pool01 signs in on pool02 with the contact the Backup
 * Service had copied. Site1 is repaired, and the failback (started before the repair, so it waits with the reason)
 * brings the user home with the contact added during the failover.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.shape=paired-pools",
        "lync.lab.users-per-pool=12",
        "lync.lab.files-per-store=20"})
class PoolFailoverIT {

    static final String POOL01 = "pool01.lab.contoso.local";
    static final String POOL02 = "pool02.lab.contoso.local";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    LabFarm farm;
    @Autowired
    LabShell shell;

    LabHttp http;

    @Test
    void aLostSiteWithTheCentralManagementStoreIsFailedOverAndBackByItsPeopleThroughRest() throws Exception {
        http = new LabHttp("http://localhost:" + port);
        String setId = backUp();
        String user = (String) farm.tables(new SqlStoreRef("be01.lab.contoso.local", "rtc"), "rtcxds").get("users").stream()
                .filter(r -> POOL01.equals(r.get("registrar_pool"))).findFirst().orElseThrow().get("sip_uri");
        assertThat(http.post("lab-operator", "/api/lab/users/" + user + "/contacts",
                "{\"contactUri\":\"sip:before-failure@lab.contoso.com\"}").statusCode()).isEqualTo(200);
        assertThat(shell.run("$ErrorActionPreference = 'Stop'\nInvoke-CsBackupServiceSync -PoolFqdn '" + POOL01 + "'",
                Duration.ofMinutes(1)).succeeded()).isTrue();
        assertThat(http.post("lab-admin", "/api/lab/sites/Site1/failure", null).statusCode()).isEqualTo(200);
        assertThat(http.post("lab-admin", "/api/lab/pools/" + POOL02 + "/failure", null).statusCode()).isEqualTo(200);
        assertThat(http.post("lab-operator", "/api/lab/users/" + user + "/sign-in", null).statusCode()).isEqualTo(409);
        HttpResponse<String> health = http.get("lab-manager", "/actuator/health/poolPairs");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"", "no Front End server of the pool answers");

        // refusals leave nothing behind
        HttpResponse<String> edge = start("edge01.lab.contoso.local");
        assertThat(edge.statusCode()).as(edge.body()).isEqualTo(400);
        assertThat(edge.body()).contains("is not a Front End pool (its kind is edge)");
        assertThat(start("pool09.lab.contoso.local").statusCode()).isEqualTo(404);

        HttpResponse<String> started = start(POOL01);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).get("id").asText();
        assertThat(JSON.readTree(started.body()).get("businessKey").asText()).isEqualTo(POOL01);
        HttpResponse<String> twice = start(POOL01);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("is already running: " + id);

        // the backup pool is down too: the first step stops with the reason, nothing after it runs
        JsonNode blocked = task(id, FailoverProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator");
        assertThat(variable(blocked, FailoverVariables.BLOCK_REASON)).contains("no Front End server of the pool answers");
        assertThat(http.json("lab-admin", "DELETE", "/api/lab/pools/" + POOL02 + "/failure", null).statusCode()).isEqualTo(200);
        assertThat(complete(blocked, "lab-operator", "{\"blockResolution\":{\"value\":\"retry\"}}").statusCode())
                .isEqualTo(204);

        JsonNode decide = task(id, FailoverProcess.USER_TASK_DECIDE_FAILOVER_OR_REBUILD, "lab-manager");
        assertThat(variable(decide, FailoverVariables.FAILOVER_DATA_LOSS)).startsWith("data changed after ");
        assertThat(variable(decide, FailoverVariables.REBUILD_DATA_LOSS)).contains("backup set " + setId);
        HttpResponse<String> undecided = complete(decide, "lab-manager", "{}");
        assertThat(undecided.statusCode()).isEqualTo(400);
        assertThat(undecided.body()).contains("no decision was made");
        assertThat(complete(decide, "lab-manager", "{\"recoveryChoice\":{\"value\":\"failover\"}}").statusCode())
                .isEqualTo(204);

        JsonNode confirm = task(id, FailoverProcess.USER_TASK_CONFIRM_SIGN_IN_ON_BACKUP_POOL, "lab-operator");
        assertThat(farm.centralManagementStoreLocation()).contains(new SqlStoreRef("be02.lab.contoso.local", "rtc"));
        assertThat(farm.edgeNextHops()).containsEntry("edge01.lab.contoso.local", POOL02);
        assertThat(farm.failedOverPools()).containsEntry(POOL01, POOL02);
        assertThat(farm.lisPublished()).isTrue();
        HttpResponse<String> signIn = http.post("lab-operator", "/api/lab/users/" + user + "/sign-in", null);
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        assertThat(JSON.readTree(signIn.body()).get("servingPool").asText()).isEqualTo(POOL02);
        assertThat(signIn.body()).contains("sip:before-failure@lab.contoso.com");
        assertThat(complete(confirm, "lab-operator", "{\"testUserSipUri\":{\"value\":\"" + user + "\"},"
                + "\"signInConfirmed\":{\"value\":true}}").statusCode()).isEqualTo(204);

        await().atMost(Duration.ofMinutes(1)).until(() -> ended(id).isPresent());
        assertThat(ended(id)).contains(FailoverProcess.END_EVENT_POOL_FAILED_OVER);
        assertThat(transcript()).containsSubsequence("Invoke-CsManagementServerFailover -WhatIf",
                "Invoke-CsManagementServerFailover -BackupSqlServerFqdn", "Get-CsManagementStoreReplicationStatus",
                "Set-CsEdgeServer", "Invoke-CsPoolFailover", "Import-CsLisConfiguration", "Publish-CsLisConfiguration");

        // during the failover the user changes their contacts on the backup pool; then pool01 is failed back
        assertThat(http.post("lab-operator", "/api/lab/users/" + user + "/contacts",
                "{\"contactUri\":\"sip:during-failover@lab.contoso.com\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> failback = http.post("lab-operator", "/engine-rest/process-definition/key/"
                + FailbackProcess.KEY + "/start", "{\"variables\":{\"poolFqdn\":{\"value\":\"" + POOL01 + "\"}}}");
        assertThat(failback.statusCode()).as(failback.body()).isEqualTo(200);
        String back = JSON.readTree(failback.body()).get("id").asText();
        JsonNode notYet = task(back, FailbackProcess.USER_TASK_RESOLVE_BLOCKED_STEP, "lab-operator");
        assertThat(variable(notYet, FailoverVariables.BLOCK_REASON)).contains("must run again");
        assertThat(http.json("lab-admin", "DELETE", "/api/lab/sites/Site1/failure", null).statusCode()).isEqualTo(200);
        assertThat(complete(notYet, "lab-operator", "{\"blockResolution\":{\"value\":\"retry\"}}").statusCode())
                .isEqualTo(204);

        // the failover moved the store: the operator is asked, with nothing chosen, and leaves it (H4)
        JsonNode cms = task(back, FailbackProcess.USER_TASK_DECIDE_CENTRAL_MANAGEMENT_STORE, "lab-operator");
        HttpResponse<String> unanswered = complete(cms, "lab-operator", "{}");
        assertThat(unanswered.statusCode()).as(unanswered.body()).isEqualTo(400);
        assertThat(unanswered.body()).contains("no decision was made");
        assertThat(complete(cms, "lab-operator", "{\"cmsChoice\":{\"value\":\"leave\"}}").statusCode()).isEqualTo(204);

        JsonNode home = task(back, FailbackProcess.USER_TASK_CONFIRM_SIGN_IN_ON_HOME_POOL, "lab-operator");
        HttpResponse<String> signInHome = http.post("lab-operator", "/api/lab/users/" + user + "/sign-in", null);
        assertThat(JSON.readTree(signInHome.body()).get("servingPool").asText()).isEqualTo(POOL01);
        assertThat(signInHome.body()).contains("sip:during-failover@lab.contoso.com", "sip:before-failure@lab.contoso.com");
        assertThat(complete(home, "lab-operator", "{\"testUserSipUri\":{\"value\":\"" + user + "\"},"
                + "\"signInConfirmed\":{\"value\":true}}").statusCode()).isEqualTo(204);
        await().atMost(Duration.ofMinutes(1)).until(() -> ended(back).isPresent());
        assertThat(ended(back)).contains(FailbackProcess.END_EVENT_POOL_FAILED_BACK);
        assertThat(farm.failedOverPools()).isEmpty();
        assertThat(farm.centralManagementStoreLocation()).contains(new SqlStoreRef("be02.lab.contoso.local", "rtc"));
        HttpResponse<String> timeline = http.get("lab-manager", "/api/manager/failovers");
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        JsonNode runs = JSON.readTree(timeline.body());
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("kind").asText()).isEqualTo("failback");
        assertThat(runs.get(1).get("kind").asText()).isEqualTo("failover");
        assertThat(runs.get(1).get("state").asText()).isEqualTo("done");
        assertThat(runs.get(1).get("rtoMet").asBoolean()).isTrue();
        assertThat(runs.get(1).get("rpoMet").asBoolean()).isTrue();
        assertThat(runs.get(1).get("cmsRtoMet").asBoolean()).isTrue();
        assertThat(http.get("lab-operator", "/api/manager/failovers").statusCode()).isEqualTo(403);

        // the manager follows it in Cockpit: the failover and the failback beside the recoveries, against Microsoft's targets
        try (Browser manager = Browser.open("http://localhost:" + port)) {
            manager.login("cockpit", "lab-manager");
            manager.click(By.linkText("Recovery timeline"));
            manager.waitFor(By.cssSelector("table.lync-failovers"));
            List<WebElement> rows = manager.driver.findElements(By.cssSelector("table.lync-failovers tr.lync-failover-row"));
            assertThat(rows).extracting(r -> r.getDomAttribute("data-id")).containsExactly(back, id);
            assertThat(rows.get(1).getText()).contains("failover", POOL01, "backup pool " + POOL02, "INC-0815", "done",
                    "target 30 min");
            assertThat(rows.get(1).findElements(By.cssSelector("td.lync-rto .lync-ok"))).as("RTO and CMS failover met")
                    .hasSize(2);
            assertThat(rows.get(1).findElements(By.cssSelector("td.lync-rpo .lync-ok"))).as("RPO met").hasSize(1);
            assertThat(rows.get(0).getText()).contains("failback", POOL01, "done");
            manager.screenshot("cockpit-recovery-timeline-failovers");
        }
        assertThat(transcript()).containsSubsequence("Invoke-CsPoolFailback -PoolFqdn",
                "Invoke-CsBackupServiceSync -PoolFqdn '" + POOL01 + "' -BackupModule 'ConfServices.DataConf'");
    }

    private String backUp() throws Exception {
        HttpResponse<String> run = http.post("lab-operator", "/engine-rest/process-definition/key/lync-backup-cycle/start", "{}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        String id = JSON.readTree(run.body()).get("id").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> ended(id).isPresent());
        return JSON.readTree(run.body()).get("businessKey").asText();
    }

    private HttpResponse<String> start(String pool) {
        return http.post("lab-operator", "/engine-rest/process-definition/key/" + FailoverProcess.KEY + "/start",
                "{\"variables\":{\"failedPoolFqdn\":{\"value\":\"" + pool + "\"},"
                        + "\"incidentReference\":{\"value\":\"INC-0815\"}}}");
    }

    private JsonNode task(String id, String taskKey, String user) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode tasks = JSON.readTree(http.get(user, "/engine-rest/task?processInstanceId=" + id
                    + "&taskDefinitionKey=" + taskKey).body());
            found[0] = tasks.size() == 1 ? tasks.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    private String variable(JsonNode task, String name) throws Exception {
        HttpResponse<String> v = http.get("lab-operator", "/engine-rest/task/" + task.get("id").asText() + "/variables/" + name);
        if (v.statusCode() != 200) {
            v = http.get("lab-manager", "/engine-rest/task/" + task.get("id").asText() + "/variables/" + name);
        }
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
