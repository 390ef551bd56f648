package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * What the lab recovery ITs share: a backup run, a server broken through the lab's REST API, a recovery worked to its
 * end through REST by the lab's people ({@link RestCrew}), and the restored state read back from the lab farm.
 */
final class LabRecoveries {

    static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate rest;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final LabFarm farm;

    LabRecoveries(TestRestTemplate rest, RuntimeService runtime, HistoryService history, LabFarm farm) {
        this.rest = rest;
        this.runtime = runtime;
        this.history = history;
        this.farm = farm;
    }

    /** A recovery that ended: its id and the keys of the tasks people worked, in order. */
    record Recovery(String id, List<String> tasks) {
    }

    /** Runs the backup cycle to its end; returns the published set's id. */
    String backUp() {
        ProcessInstance run = runtime.startProcessInstanceByKey(BackupProcess.KEY);
        await().atMost(Duration.ofMinutes(2)).until(() -> ended(run.getId()));
        return history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult().getBusinessKey();
    }

    /** A lab administrator loses the server over the lab's REST API. */
    void breakServer(String fqdn) {
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/servers/" + fqdn + "/failure", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(farm.resolves(fqdn)).isFalse();
    }

    /**
     * Recovers {@code fqdn} through REST, every task worked by its own lab user, and checks that it ended recovered
     * without a check sending a task back or an override; {@code beforeWork} sees each task first.
     */
    Recovery recover(String fqdn, Consumer<RestCrew.OpenTask> beforeWork) {
        RestCrew crew = new RestCrew(rest, history);
        String recoveryId = crew.start(fqdn);
        List<String> worked = crew.workToTheEnd(fqdn, recoveryId, Duration.ofMinutes(2), task -> {
            assertThat(task.key()).as("no check sent a task back, no override was needed")
                    .isNotIn("UserTask_DecideTargetOverride", "UserTask_CleanTarget", "UserTask_ChooseAnotherBackupSet");
            beforeWork.accept(task);
        });
        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(recoveryId).singleResult();
        assertThat(done.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
        assertThat(done.getBusinessKey()).isEqualTo(fqdn);
        return new Recovery(recoveryId, worked);
    }

    Recovery recover(String fqdn) {
        return recover(fqdn, task -> { });
    }

    /** The recovery report the runbook attached, as JSON. */
    JsonNode report(String recoveryId) {
        Object value = history.createHistoricVariableInstanceQuery().processInstanceId(recoveryId)
                .variableName(RecoveryVariables.RECOVERY_REPORT).singleResult().getTypedValue();
        assertThat(value).isInstanceOf(FileValue.class);
        try {
            return JSON.readTree(((FileValue) value).getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every table of the databases, row for row. */
    Map<String, Object> databases(SqlStoreRef store, String... names) {
        Map<String, Object> all = new TreeMap<>();
        for (String name : names) {
            all.put(name, farm.tables(store, name));
        }
        return all;
    }

    /** The file store's tree (path → SHA-256 and time) without the Meeting.Active lock files, never backed up. */
    Map<String, String> fileStore(String name) {
        Path root = farm.topology().fileStore(name).orElseThrow().mountPath();
        return Files.isDirectory(root) ? RecoveryLab.withoutMeetingActive(RecoveryLab.tree(root)) : Map.of();
    }

    boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }
}
