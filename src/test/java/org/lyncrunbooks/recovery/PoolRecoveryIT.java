package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Several servers lost (R9), end to end: pool01 loses its Back End (be01, which also holds the Central Management
 * store) and both Front Ends; one "Recover a pool" started over REST recovers be01 first, then fe01 and fe02, the
 * manager approving the set once, and the pool's Front Ends start together. The lab's people work every task through
 * REST, each as their own lab user.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=15",
        "lync.lab.files-per-store=30"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolRecoveryIT {

    static final String POOL = "pool01.lab.contoso.local";
    static final String BE = "be01.lab.contoso.local";
    static final String FE1 = "fe01.lab.contoso.local";
    static final String FE2 = "fe02.lab.contoso.local";
    static final SqlStoreRef BE_SQL = new SqlStoreRef(BE, "rtc");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    LabFarm farm;

    @Test
    @Order(1)
    void aPoolRecoveryThatNamesAServerOfAnotherPoolOrAnUnknownPoolIsRefusedAndNothingStarts() {
        LabRecoveries lab = new LabRecoveries(rest, runtime, history, farm);
        lab.backUp();
        RestCrew crew = new RestCrew(rest, history);

        ResponseEntity<String> unknown = crew.startPool("pool99.lab.contoso.local");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("'pool99.lab.contoso.local' is not a pool of the topology").contains(POOL);
        ResponseEntity<String> stranger = crew.startPool(POOL, "lostServers", BE + ", se01.lab.contoso.local");
        assertThat(stranger.getStatusCode().value()).isEqualTo(422);
        assertThat(stranger.getBody()).contains("'se01.lab.contoso.local' is not a server of pool " + POOL);
        ResponseEntity<String> nothingLost = crew.startPool(POOL);
        assertThat(nothingLost.getStatusCode().value()).isEqualTo(409);
        assertThat(nothingLost.getBody()).contains("every server of pool " + POOL + " still answers");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.Pool.KEY).count())
                .isZero();
    }

    @Test
    @Order(2)
    void aPoolThatLostItsBackEndAndBothFrontEndsIsRecoveredByOnePoolRecoveryBackEndFirst() {
        LabRecoveries lab = new LabRecoveries(rest, runtime, history, farm);
        lab.backUp();
        Map<String, Object> before = lab.databases(BE_SQL, "xds", "lis", "rtcxds", "rgsconfig");
        lab.breakServer(BE);
        lab.breakServer(FE1);
        lab.breakServer(FE2);

        RestCrew crew = new RestCrew(rest, history);
        ResponseEntity<String> started = crew.startPool(POOL);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        JsonNode instance = readTree(started.getBody());
        String poolRecovery = instance.get("id").asText();
        assertThat(instance.get("businessKey").asText()).isEqualTo(POOL);
        assertThat(runtime.getVariable(poolRecovery, RecoveryVariables.RECOVERY_ORDER).toString())
                .isEqualTo("1. the Back End: " + BE + "; 2. the Front Ends, side by side: " + FE1 + ", " + FE2
                        + "; then every Front End service of the pool started together, and Response Group restored");

        List<String> worked = crew.workToTheEnd(String.join(",", POOL, BE, FE1, FE2), poolRecovery,
                Duration.ofMinutes(2), task -> assertThat(task.key()).as("no check sent a task back")
                        .isNotIn("UserTask_DecideTargetOverride", "UserTask_CleanTarget", "UserTask_ChooseAnotherBackupSet"));

        assertThat(worked).as("the set and its data-loss window approved once, for the pool")
                .containsOnlyOnce(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW);
        assertThat(worked.get(0)).isEqualTo(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW);
        HistoricProcessInstance pool = history.createHistoricProcessInstanceQuery().processInstanceId(poolRecovery)
                .singleResult();
        assertThat(pool.getEndActivityId()).isEqualTo(RecoveryProcess.Pool.END_EVENT_POOL_RECOVERED);

        List<HistoricProcessInstance> servers = new ArrayList<>(history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(poolRecovery).list());
        servers.sort(Comparator.comparing(HistoricProcessInstance::getStartTime));
        assertThat(servers).extracting(HistoricProcessInstance::getBusinessKey).containsExactlyInAnyOrder(BE, FE1, FE2);
        HistoricProcessInstance backEnd = servers.get(0);
        assertThat(backEnd.getBusinessKey()).as("the Back End first (R9)").isEqualTo(BE);
        assertThat(servers.subList(1, 3)).allSatisfy(fe -> assertThat(fe.getStartTime())
                .as("%s starts after its Back End's recovery ended", fe.getBusinessKey())
                .isAfterOrEqualTo(backEnd.getEndTime()));
        assertThat(servers).allSatisfy(s -> assertThat(s.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED));

        assertThat(lab.databases(BE_SQL, "xds", "lis", "rtcxds", "rgsconfig")).as("users' data and configuration back")
                .isEqualTo(before);
        for (String fe : List.of(FE1, FE2)) {
            assertThat(farm.serverState(fe).runningServices()).as(fe).contains("RTCSRV");
            assertThat(farm.serverState(fe).startingServices()).as(fe).isEmpty();
        }
        assertThat(lab.report(backEnd.getId()).get("procedure").asText()).startsWith("R4");
        for (HistoricProcessInstance fe : servers.subList(1, 3)) {
            JsonNode report = lab.report(fe.getId());
            assertThat(report.get("procedure").asText()).startsWith("R8");
            assertThat(report.toString()).contains(fe.getBusinessKey());
        }
    }

    @Test
    @Order(3)
    void aStandardEditionServerIsAPoolOfOneAndIsRecoveredByAPoolRecoveryToo() {
        LabRecoveries lab = new LabRecoveries(rest, runtime, history, farm);
        String se = "se01.lab.contoso.local";
        Map<String, Object> before = lab.databases(new SqlStoreRef(se, "rtc"), "rtcxds", "rgsconfig");
        lab.breakServer(se);

        RestCrew crew = new RestCrew(rest, history);
        ResponseEntity<String> started = crew.startPool(se);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String poolRecovery = readTree(started.getBody()).get("id").asText();
        List<String> worked = crew.workToTheEnd(se, poolRecovery, Duration.ofMinutes(2), task -> { });

        assertThat(worked).containsOnlyOnce(RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(poolRecovery).singleResult()
                .getEndActivityId()).isEqualTo(RecoveryProcess.Pool.END_EVENT_POOL_RECOVERED);
        HistoricProcessInstance server = history.createHistoricProcessInstanceQuery().superProcessInstanceId(poolRecovery)
                .singleResult();
        assertThat(lab.report(server.getId()).get("procedure").asText()).startsWith("R3");
        assertThat(lab.databases(new SqlStoreRef(se, "rtc"), "rtcxds", "rgsconfig")).isEqualTo(before);
        assertThat(farm.serverState(se).runningServices()).contains("RTCSRV");
    }

    private static JsonNode readTree(String body) {
        try {
            return LabRecoveries.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
