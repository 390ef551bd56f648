package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.testsupport.LabWork;

/**
 * Reliability scenario 1 with a real crash: the application is killed with SIGKILL while a backup run is half
 * done, then started again on the same engine database and folders. The half-written set is never published and
 * CURRENT keeps naming the last good set; after the restart the same run finishes and publishes its set once.
 */
class BackupCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunKilledHalfWayIsNeverPublishedAndFinishesOnceAfterARestart() throws Exception {
        Path work = LabWork.folder(BackupCrashIT.class);
        Path root = work.resolve("backups");
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("engine/db"));
        properties.put("lync.lab.directory", work.resolve("lab").toString());
        properties.put("lync.lab.users-per-pool", "20");
        properties.put("lync.lab.files-per-store", "60");
        properties.put("lync.lab.cmdlet-delay", "PT1.5S");
        properties.put("lync.backup.root", root.toString());
        properties.put("lync.backup.worker.lock-duration", "PT3S");
        properties.put("lync.backup.worker.poll-interval", "PT0.2S");
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", "3000");
        Path log = work.resolve("application.log");

        String good;
        String runId;
        String halfDone;
        try (ApplicationProcess first = ApplicationProcess.start(properties, log)) {
            good = businessKey(first, waitForEnd(first, start(first)));
            assertThat(root.resolve("CURRENT")).hasContent(good);

            runId = start(first);
            halfDone = await().atMost(Duration.ofMinutes(1)).until(() -> partialSet(root, good), id -> id != null);
            Path items = root.resolve(halfDone + ".partial/.run/items");
            await().atMost(Duration.ofMinutes(1)).until(() -> doneItems(items) >= 2);
            first.kill();
            assertThat(doneItems(items)).as("killed half-way").isBetween(2L, 11L);
        }

        assertThat(root.resolve("CURRENT")).as("CURRENT still names the last good set").hasContent(good);
        assertThat(root.resolve(halfDone)).doesNotExist();
        assertThat(root.resolve(halfDone + ".partial")).isDirectory();

        try (ApplicationProcess second = ApplicationProcess.start(properties, log)) {
            JsonNode ended = waitForEnd(second, runId);
            assertThat(ended.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(businessKey(second, ended)).isEqualTo(halfDone);
            assertThat(root.resolve("CURRENT")).hasContent(halfDone);
            assertThat(root.resolve(halfDone + ".partial")).doesNotExist();
            BackupCycleIT.assertManifestMatchesTheFiles(root.resolve(halfDone), halfDone);
            try (Stream<Path> sets = Files.list(root)) {
                assertThat(sets.map(p -> p.getFileName().toString()).sorted())
                        .as("no second run, no leftover").containsExactlyInAnyOrder("CURRENT", good, halfDone,
                                BackupShare.PASSED_VERIFICATION_FOLDER);
            }
            JsonNode runs = JSON.readTree(second.get("/engine-rest/history/process-instance?processDefinitionKey="
                    + BackupProcess.KEY, "lab-admin").body());
            assertThat(runs).hasSize(2);
            for (String cmdlet : List.of("Export-CsConfiguration", "Export-CsLisConfiguration", "Export-CsRgsConfiguration")) {
                assertThat(transcriptLines(work, halfDone, cmdlet)).as(cmdlet + " ran at most once more after the crash")
                        .isBetween(1L, 2L);
            }
        }
    }

    private static String start(ApplicationProcess app) throws IOException {
        var response = app.post("/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start", "{}", "lab-operator");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static JsonNode waitForEnd(ApplicationProcess app, String processInstanceId) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode pi = JSON.readTree(app.get("/engine-rest/history/process-instance/" + processInstanceId, "lab-admin").body());
            return pi.hasNonNull("endTime") ? pi : null;
        }, pi -> pi != null);
    }

    private static String businessKey(ApplicationProcess app, JsonNode historicInstance) {
        return historicInstance.get("businessKey").asText();
    }

    private static String partialSet(Path root, String exclude) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial"))
                    .map(n -> n.substring(0, n.length() - ".partial".length())).filter(n -> !n.equals(exclude))
                    .findFirst().orElse(null);
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

    private static long transcriptLines(Path work, String setId, String cmdlet) throws IOException {
        try (Stream<String> lines = Files.lines(work.resolve("lab/transcript.log"))) {
            return lines.filter(l -> l.contains(setId) && l.contains(cmdlet)).count();
        }
    }
}
