package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reliability scenario 8 through the whole application: a cmdlet that hangs is stopped at its timeout, one that
 * exits non-zero fails with what it printed on standard error; each item is tried a bounded number of times, then
 * an operator sees which items failed and the cmdlet's own words. The faults are put on the lab's cmdlets over
 * {@code /api/lab/cmdlets/{name}/fault}, as a lab user would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CmdletFaultsIT {

    static final Path WORK = LabTestDirectories.create("cmdlet-faults-it");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LabTestDirectories.register(registry, WORK, "cmdlet-faults-it");
        registry.add("lync.shell.timeouts.Export-CsRgsConfiguration", () -> "PT2S");
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    @Test
    @Order(1)
    void aHangingCmdletIsStoppedAtItsTimeoutTriedTwiceAndShownToAnOperator() throws Exception {
        fault("Export-CsRgsConfiguration", "{\"mode\":\"HANG\"}");
        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = review(run);
        String setId = setId(run);

        String summary = (String) taskService.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY);
        assertThat(summary).startsWith("1 of 12 items failed after their retries:").contains("- rgs:")
                .contains("(attempt 2): Export-CsRgsConfiguration did not finish within PT2S")
                .contains("hung and gave no result within PT2S");
        assertThat(transcript(setId, "Export-CsRgsConfiguration", "timedOut"))
                .as("tried exactly twice (lync.backup.item.retries)").isEqualTo(2);

        repair("Export-CsRgsConfiguration");
        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_RETRY));
        awaitEnd(run);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        assertThat(WORK.resolve("backups/CURRENT")).hasContent(setId);
    }

    @Test
    @Order(2)
    void aCmdletThatExitsNonZeroFailsWithWhatItPrintedOnStandardError() throws Exception {
        String current = Files.readString(WORK.resolve("backups/CURRENT")).trim();
        fault("Export-CsUserData", "{\"mode\":\"FAIL\",\"message\":\"Cannot reach the pool: the RPC server is unavailable\"}");
        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = review(run);

        String summary = (String) taskService.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY);
        assertThat(summary).startsWith("2 of 12 items failed after their retries:")
                .contains("(attempt 2): Export-CsUserData failed (exit 1): Export-CsUserData : Cannot reach the pool")
                .contains("Cannot reach the pool: the RPC server is unavailable");
        assertThat(transcript(setId(run), "Export-CsUserData", "\"exitCode\":1")).as("two pools, each tried twice").isEqualTo(4);

        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_ABANDON,
                BackupVariables.ABANDON_REASON, "pool01 unreachable"));
        awaitEnd(run);
        repair("Export-CsUserData");
        assertThat(WORK.resolve("backups/CURRENT")).as("CURRENT untouched").hasContent(current);
    }

    @Test
    @Order(3)
    void onlyLabAdministratorsPutFaultsOnCmdlets() {
        assertThat(rest.withBasicAuth("lab-operator", "lab").postForEntity("/api/lab/cmdlets/Export-CsUserData/fault",
                json("{\"mode\":\"HANG\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/cmdlets/Export-CsUserData/fault",
                json("{\"mode\":\"SLOW\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/cmdlets/..%2Fx/fault",
                json("{\"mode\":\"HANG\"}"), String.class).getStatusCode().is2xxSuccessful()).isFalse();
    }

    private void fault(String cmdlet, String body) {
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/cmdlets/" + cmdlet + "/fault", json(body),
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void repair(String cmdlet) {
        assertThat(rest.withBasicAuth("lab-admin", "lab").exchange("/api/lab/cmdlets/" + cmdlet + "/fault", HttpMethod.DELETE,
                null, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private Task review(ProcessInstance run) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                Optional.ofNullable(taskService.createTaskQuery().processInstanceId(run.getId()).singleResult()), Optional::isPresent).get();
    }

    private String setId(ProcessInstance run) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    private void awaitEnd(ProcessInstance run) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getEndTime() != null);
    }

    private static long transcript(String setId, String cmdlet, String marker) throws IOException {
        try (Stream<String> lines = Files.lines(WORK.resolve("lab/transcript.log"))) {
            return lines.filter(l -> l.contains(setId) && l.contains(cmdlet) && l.contains(marker)).count();
        }
    }
}
