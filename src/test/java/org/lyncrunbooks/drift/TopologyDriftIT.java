package org.lyncrunbooks.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.testsupport.ApplicationProcess;
import org.lyncrunbooks.testsupport.LabWork;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyReader;

/**
 * The whole journey of a farm that grows past its topology file, on the lab farm with the application in a JVM of its
 * own: an administrator adds a pool (with a new Back End) and a file store through the lab API; the next backup run
 * still publishes what the file knows, raises one "Topology changed" task for the operators (and mails them), turns
 * the topology health DOWN and counts the unprotected items; the administrator generates the topology file from the
 * farm, fills in the mount paths and restarts on it; the next run backs up the new items, health is UP and the count 0.
 */
class TopologyDriftIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL02 = "pool02.lab.contoso.local";
    private static final Pattern FILL_IN = Pattern.compile("'<fill in: the folder where this application reads (\\\\\\\\[^>]+)>'");

    @Test
    void aPoolAndAFileStoreAddedToTheFarmAreNoticedAndProtectedWithTheGeneratedTopology() throws Exception {
        Path work = LabWork.folder(TopologyDriftIT.class);
        Path root = work.resolve("backups");
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("engine/db"));
        properties.put("lync.lab.directory", work.resolve("lab").toString());
        properties.put("lync.lab.users-per-pool", "20");
        properties.put("lync.lab.files-per-store", "40");
        properties.put("lync.backup.root", root.toString());
        properties.put("lync.backup.worker.poll-interval", "PT0.2S");
        Path log = work.resolve("application.log");
        Path generated = work.resolve("topology-from-farm.yaml");
        Map<String, String> mountPaths = new HashMap<>();

        try (ApplicationProcess app = ApplicationProcess.start(properties, log)) {
            assertThat(app.post("/api/lab/farm/file-stores", "{\"name\":\"lab-fs03\",\"server\":\"fs03.lab.contoso.local\","
                    + "\"share\":\"lyncshare\"}", "lab-operator").statusCode()).as("operators do not change the farm")
                    .isEqualTo(403);
            HttpResponse<String> fileStore = app.post("/api/lab/farm/file-stores", "{\"name\":\"lab-fs03\","
                    + "\"server\":\"fs03.lab.contoso.local\",\"share\":\"lyncshare\"}", "lab-admin");
            assertThat(fileStore.statusCode()).as(fileStore.body()).isEqualTo(201);
            HttpResponse<String> pool = app.post("/api/lab/farm/pools", "{\"fqdn\":\"" + POOL02 + "\",\"kind\":\"enterprise\","
                    + "\"servers\":[\"fe21.lab.contoso.local\"],\"backEnd\":\"be02.lab.contoso.local\\\\rtc\","
                    + "\"fileStore\":\"lab-fs03\"}", "lab-admin");
            assertThat(pool.statusCode()).as(pool.body()).isEqualTo(201);
            assertThat(work.resolve("lab/topology.yaml")).content().doesNotContain(POOL02);

            String first = published(app, startBackup(app));
            assertThat(root.resolve(first).resolve("userdata/pool01.lab.contoso.local.zip")).isRegularFile();
            assertThat(root.resolve(first).resolve("userdata/" + POOL02 + ".zip")).doesNotExist();

            JsonNode tasks = driftTasks(app);
            assertThat(tasks).hasSize(1);
            JsonNode task = tasks.get(0);
            assertThat(task.get("name").asText()).startsWith("Topology changed — pool " + POOL02);
            JsonNode links = JSON.readTree(app.get("/engine-rest/task/" + task.get("id").asText() + "/identity-links",
                    "lab-operator").body());
            assertThat(links.findValuesAsText("groupId")).containsExactly("lync-operators");
            JsonNode variables = JSON.readTree(app.get("/engine-rest/task/" + task.get("id").asText() + "/variables",
                    "lab-operator").body());
            assertThat(variables.at("/topologyDifferences/value").asText())
                    .contains("pool " + POOL02 + " is in the farm but not in the topology file")
                    .contains("SQL store be02.lab.contoso.local\\rtc")
                    .contains("file store \\\\fs03.lab.contoso.local\\lyncshare");
            assertThat(variables.at("/topologyYamlToAdd/value").asText()).contains("- fqdn: " + POOL02)
                    .contains("<fill in: the folder where this application reads \\\\fs03.lab.contoso.local\\lyncshare>");

            JsonNode mail = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                    () -> JSON.readTree(app.get("/api/lab/mail", "lab-operator").body()),
                    m -> m.findValuesAsText("subject").stream().anyMatch(s -> s.startsWith("Task: Topology changed — ")));
            assertThat(mail.toString()).as("the operators get the usual task mail")
                    .contains("lab-operator@lab.contoso.local").contains(task.get("id").asText());

            JsonNode health = JSON.readTree(app.get("/actuator/health/topology", "lab-manager").body());
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/details/unprotectedItems").toString()).contains("pool " + POOL02)
                    .contains("file store \\\\\\\\fs03.lab.contoso.local\\\\lyncshare");
            assertThat(unprotectedItems(app)).isEqualTo(3.0);

            HttpResponse<String> again = app.post("/api/topology/drift-check", "", "lab-operator");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).get("unprotectedItems").asInt()).isEqualTo(3);
            assertThat(driftTasks(app)).as("the same differences raise no second task").hasSize(1);

            assertThat(app.get("/api/topology/from-farm", "lab-operator").statusCode()).isEqualTo(403);
            HttpResponse<String> yaml = app.get("/api/topology/from-farm", "lab-admin");
            assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(200);
            assertThat(yaml.body()).contains("- fqdn: " + POOL02).contains("backEnd: 'be02.lab.contoso.local\\rtc'");
            mountPaths.put("\\\\fs01.lab.contoso.local\\lyncshare", work.resolve("lab/filestores/lab-fs01").toString());
            mountPaths.put("\\\\se01.lab.contoso.local\\lyncshare", work.resolve("lab/filestores/lab-fs02").toString());
            mountPaths.put("\\\\fs03.lab.contoso.local\\lyncshare",
                    JSON.readTree(fileStore.body()).get("mountPath").asText());
            Files.writeString(generated, fillIn(yaml.body(), mountPaths));
        }

        Topology written = TopologyReader.read(generated);
        assertThat(written.pool(POOL02)).isPresent();

        properties.put("lync.topology-file", generated.toString());
        properties.put("spring.profiles.active", "lab");
        try (ApplicationProcess app = ApplicationProcess.start(properties, log)) {
            String second = published(app, startBackup(app));
            Path set = root.resolve(second);
            assertThat(set.resolve("userdata/" + POOL02 + ".zip")).isRegularFile();
            assertThat(set.resolve("rgs/" + POOL02 + ".zip")).isRegularFile();
            assertThat(set.resolve("filestore/fs03-lyncshare")).isDirectory();
            assertThat(manifestItems(set)).contains("userdata:" + POOL02, "filestore:fs03-lyncshare");

            JsonNode health = JSON.readTree(app.get("/actuator/health/topology", "lab-manager").body());
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
            assertThat(unprotectedItems(app)).isEqualTo(0.0);

            JsonNode task = driftTasks(app).get(0);
            String complete = "/engine-rest/task/" + task.get("id").asText() + "/complete";
            assertThat(app.post(complete, "{\"variables\":{}}", "lab-operator").statusCode())
                    .as("nothing is assumed: the operator says the change is handled").isEqualTo(400);
            HttpResponse<String> done = app.post(complete, "{\"variables\":{\"topologyChangeDecision\":{\"value\":"
                    + "\"handled\"},\"topologyChangeNote\":{\"value\":\"generated from the farm\"}}}", "lab-operator");
            assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
            assertThat(driftTasks(app)).isEmpty();
        }
    }

    private static String fillIn(String yaml, Map<String, String> mountPaths) {
        Matcher m = FILL_IN.matcher(yaml);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String path = mountPaths.get(m.group(1));
            assertThat(path).as("a mount path for %s", m.group(1)).isNotNull();
            m.appendReplacement(sb, Matcher.quoteReplacement("'" + path.replace("'", "''") + "'"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String startBackup(ApplicationProcess app) throws IOException {
        HttpResponse<String> response = app.post("/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start",
                "{}", "lab-operator");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Waits for the run to end and returns its set id; fails unless it ended published. */
    private static String published(ApplicationProcess app, String processInstanceId) throws IOException {
        JsonNode ended = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode pi = JSON.readTree(app.get("/engine-rest/history/process-instance/" + processInstanceId,
                    "lab-admin").body());
            return pi.hasNonNull("endTime") ? pi : null;
        }, pi -> pi != null);
        JsonNode activities = JSON.readTree(app.get("/engine-rest/history/activity-instance?processInstanceId="
                + processInstanceId + "&activityId=" + BackupProcess.END_EVENT_BACKUP_PUBLISHED, "lab-admin").body());
        assertThat(activities).as("run %s ended published", processInstanceId).hasSize(1);
        return ended.get("businessKey").asText();
    }

    private static JsonNode driftTasks(ApplicationProcess app) throws IOException {
        HttpResponse<String> response = app.get("/engine-rest/task?processDefinitionKey=" + TopologyDriftProcess.KEY,
                "lab-operator");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static double unprotectedItems(ApplicationProcess app) {
        HttpResponse<String> response = app.get("/actuator/prometheus", "lab-manager");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().lines().filter(l -> l.startsWith(TopologyDriftMetrics.UNPROTECTED_ITEMS + " "))
                .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + TopologyDriftMetrics.UNPROTECTED_ITEMS + " in the scrape"));
    }

    private static List<String> manifestItems(Path set) throws IOException {
        List<String> items = new ArrayList<>();
        ManifestReader.read(set.resolve("manifest.json"), new ManifestReader.Visitor() {
            @Override
            public void item(Manifest.Item item) {
                items.add(item.itemId());
            }
        });
        return items;
    }
}
