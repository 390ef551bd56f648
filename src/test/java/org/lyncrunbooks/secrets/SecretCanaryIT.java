package org.lyncrunbooks.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.backup.BackupVariables;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.recovery.LabCrew;
import org.lyncrunbooks.recovery.RecoveryProcess;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabWork;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Invariant I5 / scenario 12: a SQL Server password referenced from configuration travels through the real code
 * path — read from its file at every login, handed to the (lab) SQL Server, which checks it — during a full backup
 * cycle, a recovery and a backup whose SQL logins fail, and afterwards appears in no column of any engine table (byte arrays decoded as UTF-8
 * included) and nowhere in the log output.
 *
 * <p>The shell has no credential setting ({@code lync.shell.*}: the launcher's own mechanisms, SSH keys or
 * Kerberos, carry it), so the SQL credential is the one secret configured here.
 */
@ExtendWith(OutputCaptureExtension.class)
// closed after the class: its job executor and worker would otherwise keep polling while later ITs run
@DirtiesContext
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=10",
        "lync.lab.files-per-store=20",
        "lync.sql.credentials.defaults.integrated-security=false",
        "lync.sql.credentials.defaults.username=" + SecretCanaryIT.SQL_LOGIN,
        "lync.sql.credentials.defaults.password-file=${test.work-folder}/secrets/sql-password"})
class SecretCanaryIT {

    static final String CANARY = "Canary-" + UUID.randomUUID() + "-Pw!";
    static final String SQL_LOGIN = "lyncbackup";
    static final SqlStoreRef MON01 = new SqlStoreRef("mon01.lab.contoso.local", "archmon");
    static final Path WORK = LabWork.folder(SecretCanaryIT.class);
    static final Path PASSWORD_FILE = writePasswordFile(WORK.resolve("secrets/sql-password"));

    @Autowired
    TestRestTemplate rest;
    @Autowired
    LabSqlServer labSql;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    DataSource dataSource;

    @Test
    void theCanaryPasswordTravelsThroughBackupAndRecoveryAndIsStoredOrLoggedNowhere(CapturedOutput output) throws Exception {
        // the lab SQL Server really checks the login: without it, nothing is done
        assertThatThrownBy(() -> labSql.productVersion(MON01)).isInstanceOf(SqlServerException.class)
                .hasMessageContaining("Login failed for user '" + SQL_LOGIN + "'").hasMessageNotContaining(CANARY);
        labSql.createLogin(null, SQL_LOGIN, CANARY);
        assertThat(labSql.productVersion(MON01)).isNotBlank();

        String setId = backUp();
        assertThat(WORK.resolve("backups/CURRENT")).hasContent(setId);
        assertThat(output.getAll()).as("the SQL items ran on the lab SQL Server").contains("Lab SQL Server backed up");

        breakServer("mon01.lab.contoso.local");
        recover("mon01.lab.contoso.local");
        assertThat(output.getAll()).as("the SQL restores ran").contains("Lab SQL Server restored");

        // a wrong password (which holds the canary) is refused on the same path: the SQL items of a backup fail
        // after their retries, and what reaches the operator, the external tasks and the incidents names the
        // login, never the password
        Files.writeString(PASSWORD_FILE, CANARY + "-wrong\n");
        assertThatThrownBy(() -> labSql.productVersion(MON01)).hasMessageContaining("Login failed")
                .hasMessageNotContaining(CANARY);
        ResponseEntity<Map> failing = rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start", json("{}"), Map.class);
        String failingId = (String) failing.getBody().get("id");
        Task review = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> tasks
                .createTaskQuery().processInstanceId(failingId).taskDefinitionKey(BackupProcess.USER_TASK_REVIEW_FAILED_BACKUP)
                .singleResult(), t -> t != null);
        assertThat((String) tasks.getVariable(review.getId(), BackupVariables.FAILURE_SUMMARY))
                .contains("Login failed for user '" + SQL_LOGIN + "'").doesNotContain(CANARY);
        Files.writeString(PASSWORD_FILE, CANARY + "\n");

        Map<String, Integer> scanned = new HashMap<>();
        List<String> found = searchEngineTables(scanned);
        assertThat(scanned).as("tables scanned").hasSizeGreaterThan(30).containsKeys("ACT_GE_BYTEARRAY", "ACT_HI_VARINST",
                "ACT_HI_DETAIL", "ACT_RU_VARIABLE", "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_OP_LOG");
        assertThat(scanned.get("ACT_HI_VARINST")).isPositive();
        assertThat(scanned.get("ACT_GE_BYTEARRAY")).isPositive();
        assertThat(found).as("cells holding the canary").isEmpty();

        assertThat(output.getAll()).as("log output").doesNotContain(CANARY);
        assertThat(Files.readString(Path.of(WORK.resolve("lab").toString(), "sql-logins.properties")))
                .as("the lab keeps a salted hash only, like SQL Server").doesNotContain(CANARY);
        assertThat(transcriptAndManifests()).as("lab transcript and manifests").doesNotContain(CANARY);
    }

    /** Every column of every row of every ACT_* table; binary columns decoded as UTF-8. */
    private List<String> searchEngineTables(Map<String, Integer> scanned) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (name.toUpperCase().startsWith("ACT_")) {
                        tables.add(name);
                    }
                }
            }
            for (String table : tables) {
                int rows = 0;
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData columns = rs.getMetaData();
                    while (rs.next()) {
                        rows++;
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            String text = switch (columns.getColumnType(c)) {
                                case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> {
                                    byte[] bytes = rs.getBytes(c);
                                    yield bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
                                }
                                default -> rs.getString(c);
                            };
                            if (text != null && text.contains(CANARY)) {
                                found.add(table + "." + columns.getColumnName(c));
                            }
                        }
                    }
                }
                scanned.put(table.toUpperCase(), rows);
            }
        }
        return found;
    }

    private String transcriptAndManifests() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(WORK)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json")
                    || f.getFileName().toString().endsWith(".properties")
                    || f.getFileName().toString().contains("transcript")).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    // ------------------------------------------------------------------ the people, as in ServerRecoveryIT

    private String backUp() {
        ResponseEntity<Map> started = rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/" + BackupProcess.KEY + "/start", json("{}"), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String id = (String) started.getBody().get("id");
        await().atMost(Duration.ofMinutes(3)).until(() -> ended(id));
        return history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey();
    }

    private void breakServer(String fqdn) {
        assertThat(rest.withBasicAuth("lab-admin", "lab").postForEntity("/api/lab/servers/" + fqdn + "/failure", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void recover(String fqdn) {
        String body = "{\"variables\":{\"failedServerFqdn\":{\"value\":\"" + fqdn + "\"},\"backupSetId\":{\"value\":\"\"},"
                + "\"incidentReference\":{\"value\":\"INC-4712\"}}}";
        ResponseEntity<Map> started = rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/" + RecoveryProcess.KEY + "/start", json(body), Map.class);
        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
        String recoveryId = (String) started.getBody().get("id");
        new LabCrew(tasks, identity, history).workToTheEnd(fqdn, recoveryId, Duration.ofMinutes(3));
        HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(recoveryId).singleResult();
        assertThat(done.getEndActivityId()).isEqualTo(RecoveryProcess.END_EVENT_SERVER_RECOVERED);
    }

    private boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** The canary, where {@code lync.sql.credentials.defaults.password-file} points, before the application starts. */
    private static Path writePasswordFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, CANARY + "\n");
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
