package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.lyncrunbooks.testsupport.Prerequisites;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Faults during a backup, through the whole application on the lab farm (one application context for all).
 *
 * <p>Reliability scenario 8: a cmdlet that hangs is stopped at its timeout, one that exits non-zero fails with
 * what it printed on standard error; each item is tried a bounded number of times, then an operator sees which
 * items failed and the cmdlet's own words. The faults are put on the lab's cmdlets over
 * {@code /api/lab/cmdlets/{name}/fault}, as a lab user would.
 *
 * <p>Reliability scenario 5: the backup share fills up in the middle of a run. The share is a small tmpfs
 * (mounting one needs root, which CI runs as; file permissions would not do, root ignores them): after a good
 * set it is shrunk to leave room for a third of another set. The run fails cleanly with an operator task naming
 * the problem; the previous set and CURRENT are untouched and nothing was deleted; once there is room again the
 * operator retries and the run publishes.
 */
// file stores copied in full: a run hard-linking them from the previous set would need too little room to fill the share
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.shell.timeouts.Export-CsRgsConfiguration=PT2S",
        "lync.backup.filestore.reuse=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupFaultsIT {

    static final Path WORK = LabWork.folder(BackupFaultsIT.class);
    static final Path SHARE = WORK.resolve("backups");
    static boolean mounted;

    @BeforeAll
    static void mountASmallShareWhenRoot() throws Exception {
        Files.createDirectories(SHARE);
        if ("root".equals(System.getProperty("user.name"))) {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", SHARE.toString()) == 0;
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", SHARE.toString());
        }
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

    @Test
    @Order(4)
    void aShareThatFillsUpMidRunFailsTheRunCleanlyAndLeavesThePreviousSetAndCurrentAlone() throws Exception {
        Prerequisites.require(mounted, "scenario 5 mounts a small tmpfs as the backup share, which needs root "
                + "(CI runs as root; file permissions are no substitute since root ignores them)");
        String first = published(runtimeService.startProcessInstanceByKey(BackupProcess.KEY));
        FileStore share = Files.getFileStore(SHARE);
        long used = share.getTotalSpace() - share.getUsableSpace();
        Map<String, Long> before = sizes(SHARE.resolve(first));
        long room = before.values().stream().mapToLong(Long::longValue).sum() / 3;
        assertThat(run("mount", "-o", "remount,size=" + ((used + room) / 1024 + 1) + "k", SHARE.toString())).isZero();
        List<String> setsBefore = entries();

        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                Optional.ofNullable(taskService.createTaskQuery().processInstanceId(run.getId()).singleResult()),
                Optional::isPresent).get();

        String setId = runtimeService.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
        String summary = (String) taskService.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY);
        assertThat(review.getTaskDefinitionKey()).isEqualTo(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP);
        assertThat(summary).as("the operator is told what failed and why").contains("the backup share cannot be written")
                .contains("No space left on device");
        assertThat(SHARE.resolve("CURRENT")).as("CURRENT untouched").hasContent(first);
        assertThat(sizes(SHARE.resolve(first))).as("the previous set untouched").isEqualTo(before);
        BackupCycleIT.assertManifestMatchesTheFiles(SHARE.resolve(first), first);
        List<String> setsAfter = new java.util.ArrayList<>(setsBefore);
        setsAfter.add(setId + ".partial");
        assertThat(entries()).as("nothing deleted, nothing published").containsExactlyInAnyOrderElementsOf(setsAfter);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.SERVICE_TASK_APPLY_RETENTION).count()).as("retention did not run").isZero();

        assertThat(run("mount", "-o", "remount,size=64m", SHARE.toString())).isZero();
        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_RETRY));

        assertThat(published(run)).isEqualTo(setId);
        assertThat(SHARE.resolve("CURRENT")).hasContent(setId);
        BackupCycleIT.assertManifestMatchesTheFiles(SHARE.resolve(setId), setId);
        BackupCycleIT.assertManifestMatchesTheFiles(SHARE.resolve(first), first);
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

    private String published(ProcessInstance run) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getEndTime() != null);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    private static List<String> entries() throws IOException {
        try (Stream<Path> sets = Files.list(SHARE)) {
            return sets.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static Map<String, Long> sizes(Path set) throws IOException {
        try (Stream<Path> files = Files.walk(set)) {
            return files.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(
                    p -> set.relativize(p).toString(), p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return process.exitValue();
    }
}
