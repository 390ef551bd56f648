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

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.Prerequisites;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reliability scenario 5: the backup share fills up in the middle of a run. The share is a small tmpfs (mounting
 * one needs root, which CI runs as; file permissions would not do, root ignores them): after a good first set it
 * is shrunk to leave room for a third of another set. The second run fails cleanly with an operator task naming
 * the problem; the previous set and CURRENT are untouched and nothing was deleted; once there is room again the
 * operator retries and the run publishes.
 */
@SpringBootTest
class BackupShareFullIT {

    static final Path WORK = LabTestDirectories.create("backup-share-full-it");
    static final Path ROOT = WORK.resolve("backups");
    static boolean mounted;

    @BeforeAll
    static void mountASmallShare() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Prerequisites.require(root, "scenario 5 mounts a small tmpfs as the backup share, which needs root "
                + "(CI runs as root; file permissions are no substitute since root ignores them)");
        Files.createDirectories(ROOT);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", ROOT.toString()) == 0;
        Prerequisites.require(mounted, "mount -t tmpfs failed (a container without CAP_SYS_ADMIN?)");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", ROOT.toString());
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LabTestDirectories.register(registry, WORK, "backup-share-full-it");
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    @Test
    void aShareThatFillsUpMidRunFailsTheRunCleanlyAndLeavesThePreviousSetAndCurrentAlone() throws Exception {
        String first = published(runtimeService.startProcessInstanceByKey(BackupProcess.KEY));
        FileStore share = Files.getFileStore(ROOT);
        long used = share.getTotalSpace() - share.getUsableSpace();
        long room = used / 3;
        assertThat(run("mount", "-o", "remount,size=" + ((used + room) / 1024 + 1) + "k", ROOT.toString())).isZero();
        Map<String, Long> before = sizes(ROOT.resolve(first));

        ProcessInstance run = runtimeService.startProcessInstanceByKey(BackupProcess.KEY);
        Task review = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                Optional.ofNullable(taskService.createTaskQuery().processInstanceId(run.getId()).singleResult()),
                Optional::isPresent).get();

        String setId = runtimeService.createProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
        String summary = (String) taskService.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY);
        assertThat(review.getTaskDefinitionKey()).isEqualTo(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP);
        assertThat(summary).as("the operator is told what failed and why").contains("the backup share cannot be written")
                .contains("No space left on device");
        assertThat(ROOT.resolve("CURRENT")).as("CURRENT untouched").hasContent(first);
        assertThat(sizes(ROOT.resolve(first))).as("the previous set untouched").isEqualTo(before);
        BackupCycleIT.assertManifestMatchesTheFiles(ROOT.resolve(first), first);
        try (Stream<Path> sets = Files.list(ROOT)) {
            assertThat(sets.map(p -> p.getFileName().toString())).as("nothing deleted, nothing published")
                    .containsExactlyInAnyOrder("CURRENT", first, setId + ".partial");
        }
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.SERVICE_TASK_APPLY_RETENTION).count()).as("retention did not run").isZero();

        assertThat(run("mount", "-o", "remount,size=64m", ROOT.toString())).isZero();
        taskService.complete(review.getId(), Map.of(BackupVariables.REVIEW_DECISION, BackupProcess.DECISION_RETRY));

        assertThat(published(run)).isEqualTo(setId);
        assertThat(ROOT.resolve("CURRENT")).hasContent(setId);
        BackupCycleIT.assertManifestMatchesTheFiles(ROOT.resolve(setId), setId);
        BackupCycleIT.assertManifestMatchesTheFiles(ROOT.resolve(first), first);
    }

    private String published(ProcessInstance run) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getEndTime() != null);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId(BackupProcess.END_EVENT_BACKUP_PUBLISHED).count()).isEqualTo(1);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
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
