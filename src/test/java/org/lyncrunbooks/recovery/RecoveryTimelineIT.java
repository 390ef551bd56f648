package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The recovery timeline's API on a history of a few thousand finished recoveries: it pages newest first through all
 * of them, each page costs a handful of history queries that return no more rows than the page holds, and only
 * managers and administrators may read it (the same for the backup catalog's API).
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=5",
        "lync.lab.files-per-store=5"})
class RecoveryTimelineIT {

    static final int RECOVERIES = 2000;
    static final int SIZE = 25;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    DataSource dataSource;

    /**
     * Thousands of finished recoveries in the engine's history: each a real instance of {@code lync-server-recovery}
     * started at its end event with the variables a recovery leaves behind (no lab work behind them).
     */
    void finishedRecoveries() {
        Instant base = Instant.now().minus(RECOVERIES, ChronoUnit.HOURS);
        for (int i = 0; i < RECOVERIES; i++) {
            Instant started = base.plus(i, ChronoUnit.HOURS);
            runtime.createProcessInstanceByKey(RecoveryProcess.KEY).businessKey("fe" + (i % 50) + ".lab.contoso.local")
                    .setVariables(Map.of(RecoveryVariables.FAILED_SERVER_FQDN, "fe" + (i % 50) + ".lab.contoso.local",
                            RecoveryVariables.BACKUP_SET_ID, "20260101T020000Z",
                            RecoveryVariables.PROCEDURE_TITLE, "R8: Restoring an Enterprise Edition member server",
                            RecoveryVariables.INCIDENT_REFERENCE, "INC-" + i,
                            RecoveryVariables.SET_COMPLETED_AT, Date.from(started.minus(5, ChronoUnit.HOURS)),
                            RecoveryVariables.INCIDENT_TIME, Date.from(started.minus(1, ChronoUnit.HOURS)),
                            RecoveryVariables.RECOVERY_STARTED_AT, Date.from(started)))
                    .startBeforeActivity(RecoveryProcess.END_EVENT_SERVER_RECOVERED).execute();
        }
    }

    @Test
    void pagesThroughThousandsOfRecoveriesNewestFirstWithQueriesBoundedByThePage() throws Exception {
        finishedRecoveries();
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY).finished().count())
                .isEqualTo(RECOVERIES);

        List<String> seen = new ArrayList<>();
        Instant previous = Instant.MAX;
        int pages = 0;
        for (int page = 0; ; page++) {
            JsonNode body = get("/api/manager/recoveries?page=" + page + "&size=" + SIZE);
            assertThat(body.get("total").asLong()).isEqualTo(RECOVERIES);
            JsonNode items = body.get("items");
            if (items.isEmpty()) {
                break;
            }
            pages++;
            assertThat(items.size()).isLessThanOrEqualTo(SIZE);
            for (JsonNode item : items) {
                Instant started = Instant.parse(item.get("startedAt").asText());
                assertThat(started).isBeforeOrEqualTo(previous);
                previous = started;
                seen.add(item.get("recoveryId").asText());
                assertThat(item.get("state").asText()).isEqualTo("recovered");
                assertThat(item.get("rpo").asText()).isEqualTo("PT4H");
                assertThat(item.get("rpoMet").asBoolean()).isTrue();
            }
        }
        assertThat(pages).isEqualTo(RECOVERIES / SIZE);
        Set<String> all = new HashSet<>(history.createHistoricProcessInstanceQuery().processDefinitionKey(RecoveryProcess.KEY)
                .list().stream().map(HistoricProcessInstance::getId).toList());
        assertThat(seen).hasSize(RECOVERIES).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(all);

        // one page in the middle, with the database counting what each statement on the history tables returned
        List<long[]> statements = countingHistoryStatements(() -> get("/api/manager/recoveries?page=40&size=" + SIZE));
        long executions = statements.stream().mapToLong(s -> s[0]).sum();
        long maxRows = statements.stream().mapToLong(s -> s[1]).max().orElse(0);
        assertThat(executions).as("history statements for one page").isBetween(3L, 8L);
        assertThat(maxRows).as("rows a history statement returned for one page of " + SIZE)
                .isLessThanOrEqualTo(SIZE * 7L);

        JsonNode one = get("/api/manager/recoveries/" + seen.get(0));
        assertThat(one.get("summary").get("recoveryId").asText()).isEqualTo(seen.get(0));
        assertThat(one.get("report").get("backupSetId").asText()).isEqualTo("20260101T020000Z");
        assertThat(rest.withBasicAuth("lab-manager", "lab").getForEntity("/api/manager/recoveries/no-such-id", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("lab-manager", "lab").getForEntity("/api/manager/recoveries?size=1000", String.class)
                .getBody()).contains("size must be between 1 and 100");
    }

    @Test
    void onlyManagersAndAdministratorsReadTheRecoveryTimelineAndOperatorsTheCatalogToo() {
        for (String path : List.of("/api/manager/recoveries", "/api/manager/backup-sets")) {
            boolean operatorsToo = path.endsWith("backup-sets");
            assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path + " without credentials")
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("nobody", "lab").getForEntity(path, String.class).getStatusCode())
                    .as(path + " as an unknown user").isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("lab-operator", "lab").getForEntity(path, String.class).getStatusCode())
                    .as(path + " as an operator").isEqualTo(operatorsToo ? HttpStatus.OK : HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth("lab-dba", "lab").getForEntity(path, String.class).getStatusCode())
                    .as(path + " as a DBA").isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(rest.withBasicAuth("lab-manager", "lab").getForEntity(path, String.class).getStatusCode())
                    .as(path + " as a manager").isEqualTo(HttpStatus.OK);
            assertThat(rest.withBasicAuth("lab-admin", "lab").getForEntity(path, String.class).getStatusCode())
                    .as(path + " as an administrator").isEqualTo(HttpStatus.OK);
        }
        // last: a wrong password makes the engine delay that user's next logins (brute-force protection)
        assertThat(rest.withBasicAuth("lab-manager", "wrong").getForEntity("/api/manager/recoveries", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private JsonNode get(String path) throws IOException {
        ResponseEntity<String> response = rest.withBasicAuth("lab-manager", "lab").getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    /** Runs {@code call} with H2's query statistics on; per statement on ACT_HI_*: executions and the most rows returned. */
    private List<long[]> countingHistoryStatements(ThrowingRunnable call) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
            s.execute("SET QUERY_STATISTICS FALSE");
            s.execute("SET QUERY_STATISTICS TRUE");
            try {
                call.run();
                List<long[]> result = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT, MAX_ROW_COUNT "
                        + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                    while (r.next()) {
                        String sql = r.getString(1).strip().toUpperCase();
                        if (sql.contains("ACT_HI_") && sql.startsWith("SELECT")) {
                            result.add(new long[] {r.getLong(2), r.getLong(3)});
                        }
                    }
                }
                return result;
            } finally {
                s.execute("SET QUERY_STATISTICS FALSE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
