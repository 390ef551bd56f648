package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.lab.LabFixtures.BE;
import static org.lyncrunbooks.lab.LabFixtures.MON;
import static org.lyncrunbooks.lab.LabFixtures.PCHAT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.SqlServerClient.DatabaseState;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.sqlserver.SqlTargetNotCleanException;
import org.lyncrunbooks.topology.SqlStoreRef;

class LabSqlServerTest {

    @TempDir
    Path dir;

    private LabFarm farm;
    private LabSqlServer sql;
    private Path backups;

    @BeforeEach
    void farm() throws Exception {
        farm = LabFixtures.farm(dir.resolve("farm"));
        sql = new LabSqlServer(farm);
        backups = Files.createDirectories(dir.resolve("backups"));
    }

    @Test
    void backupVerifyAndRestoreOntoARebuiltInstanceGiveTheSameRows() {
        Map<String, List<Map<String, Object>>> cdr = farm.tables(MON, "LcsCDR");
        Map<String, List<Map<String, Object>>> log = farm.tables(MON, "LcsLog");
        Path cdrBak = backups.resolve("LcsCDR.bak");
        Path logBak = backups.resolve("LcsLog.bak");
        sql.backupDatabase(MON, "LcsCDR", cdrBak.toString(), false);
        sql.backupDatabase(MON, "lcslog", logBak.toString(), false);
        sql.verifyBackup(MON, cdrBak.toString());

        farm.destroySqlInstance(MON);
        farm.installSqlServer(MON, "11.0.7001.0");
        assertThat(sql.databaseState(MON, "LcsCDR")).isEqualTo(DatabaseState.ABSENT);
        assertThatThrownBy(() -> sql.restoreDatabase(MON, "LcsCDR", cdrBak.toString(), false))
                .hasMessageStartingWith("Directory lookup for the file \"E:\\MSSQL\\ARCHMON\\Data\\LcsCDR.mdf\" failed with the "
                        + "operating system error 3(The system cannot find the path specified.). (Msg 5133)")
                .hasMessageContaining("Use WITH MOVE to identify a valid location for the file. (Msg 3156)");
        assertThat(sql.databaseState(MON, "LcsCDR")).isEqualTo(DatabaseState.ABSENT);
        sql.restoreDatabase(MON, "LcsCDR", cdrBak.toString(), false, SqlServerClient.FileLocations.instanceDefaults());
        new LabShell(farm).run(LabFixtures.script(Cmdlet.of("Install-CsDatabase").with("DatabaseType", "Archiving")
                .with("SqlServerFqdn", MON.fqdn()).with("SqlInstanceName", MON.instance())), LabFixtures.TIMEOUT);
        assertThat(sql.databaseState(MON, "LcsLog")).isEqualTo(DatabaseState.EMPTY);
        sql.restoreDatabase(MON, "LcsLog", logBak.toString(), false,
                new SqlServerClient.FileLocations(null, "C:\\Program Files\\Microsoft SQL Server\\MSSQL11.ARCHMON\\MSSQL\\DATA\\"));

        assertThat(farm.tables(MON, "LcsCDR")).isEqualTo(cdr);
        assertThat(farm.tables(MON, "LcsLog")).isEqualTo(log);
        assertThat(sql.databaseState(MON, "LcsCDR")).isEqualTo(DatabaseState.HOLDS_DATA);
    }

    @Test
    void backupOverwritesAnExistingFile() throws Exception {
        Path bak = backups.resolve("QoE.bak");
        Files.writeString(bak, "an older backup");

        sql.backupDatabase(MON, "QoEMetrics", bak.toString(), false);

        sql.verifyBackup(MON, bak.toString());
        assertThat(Files.size(bak)).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 20, 100, 2000, -40, -1})
    void aFlippedByteFailsVerification(int position) throws Exception {
        Path bak = backups.resolve("LcsCDR.bak");
        sql.backupDatabase(MON, "LcsCDR", bak.toString(), false);
        byte[] bytes = Files.readAllBytes(bak);
        int at = position >= 0 ? position : bytes.length + position;
        bytes[at] ^= 0x10;
        Files.write(bak, bytes);

        assertThatThrownBy(() -> sql.verifyBackup(MON, bak.toString()))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("The backup set on file 1 of device '" + bak + "' is not valid")
                .hasMessageEndingWith("RESTORE VERIFYONLY is terminating abnormally.");
        assertThatThrownBy(() -> sql.restoreDatabase(MON, "LcsCDR_copy", bak.toString(), false))
                .isInstanceOf(SqlServerException.class).hasMessageContaining("is not valid");
        assertThat(sql.databaseState(MON, "LcsCDR_copy")).isEqualTo(DatabaseState.ABSENT);
    }

    @Test
    void aTruncatedFileFailsVerification() throws Exception {
        Path bak = backups.resolve("LcsCDR.bak");
        sql.backupDatabase(MON, "LcsCDR", bak.toString(), false);
        byte[] bytes = Files.readAllBytes(bak);
        Files.write(bak, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> sql.verifyBackup(MON, bak.toString()))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("is not valid").hasMessageContaining("RESTORE VERIFYONLY is terminating abnormally.");
    }

    @Test
    void restoreOntoADatabaseHoldingDataIsRefusedWithoutOverride() throws Exception {
        Map<String, List<Map<String, Object>>> cdr = farm.tables(MON, "LcsCDR");
        Path bak = backups.resolve("LcsCDR.bak");
        sql.backupDatabase(MON, "LcsCDR", bak.toString(), false);
        try (Connection c = farm.databases().open(MON, "LcsCDR"); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM session_details WHERE session_id > 10");
        }
        Map<String, List<Map<String, Object>>> changed = farm.tables(MON, "LcsCDR");

        assertThatThrownBy(() -> sql.restoreDatabase(MON, "LcsCDR", bak.toString(), false))
                .isInstanceOf(SqlTargetNotCleanException.class).hasMessageContaining("holds data");
        assertThat(farm.tables(MON, "LcsCDR")).isEqualTo(changed);

        sql.restoreDatabase(MON, "LcsCDR", bak.toString(), true);
        assertThat(farm.tables(MON, "LcsCDR")).isEqualTo(cdr);
    }

    @Test
    void restoreRefusesABackupOfAnotherDatabaseIntoAnExistingOne() {
        Path bak = backups.resolve("LcsCDR.bak");
        sql.backupDatabase(MON, "LcsCDR", bak.toString(), false);
        new LabShell(farm).run(LabFixtures.script(Cmdlet.of("Install-CsDatabase").with("DatabaseType", "Archiving")
                .with("SqlServerFqdn", MON.fqdn()).with("SqlInstanceName", MON.instance()).withSwitch("Clean")),
                LabFixtures.TIMEOUT);

        assertThatThrownBy(() -> sql.restoreDatabase(MON, "LcsLog", bak.toString(), false))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("holds a backup of a database other than the existing 'LcsLog' database");
    }

    @Test
    void anUnknownOrHostileDatabaseNameDoesNotExist() {
        for (String name : List.of("nope", "a]b", "x]; DROP DATABASE LcsCDR--", "../be01.lab.contoso.local_rtc/xds",
                "LcsCDR.mv.db", "n".repeat(129))) {
            assertThatThrownBy(() -> sql.backupDatabase(MON, name, backups.resolve("x.bak").toString(), false))
                    .isInstanceOf(SqlServerException.class)
                    .hasMessageStartingWith("Database '" + name + "' does not exist. Make sure that the name is entered correctly.");
            assertThat(sql.databaseState(MON, name)).isEqualTo(DatabaseState.ABSENT);
        }
        assertThatThrownBy(() -> sql.restoreDatabase(MON, "x]; DROP DATABASE LcsCDR--", backups.resolve("x.bak").toString(), false))
                .isInstanceOf(SqlServerException.class).hasMessageContaining("does not create a database named");
        assertThat(sql.databaseState(MON, "LcsCDR")).isEqualTo(DatabaseState.HOLDS_DATA);
        assertThat(backups.resolve("x.bak")).doesNotExist();
    }

    @Test
    void aDestroyedOrUnknownInstanceAnswersLikeAnUnreachableSqlServer() {
        farm.destroySqlInstance(MON);
        SqlStoreRef unknown = new SqlStoreRef("sql99.lab.contoso.local", "rtc");
        SqlStoreRef hostile = new SqlStoreRef("../../etc", "x");

        for (SqlStoreRef ref : List.of(MON, unknown, hostile)) {
            assertThatThrownBy(() -> sql.databaseState(ref, "LcsCDR"))
                    .isInstanceOf(SqlServerException.class)
                    .hasMessageStartingWith("A network-related or instance-specific error occurred while establishing a "
                            + "connection to SQL Server.")
                    .hasMessageContaining("[" + ref.display() + "]");
        }
        assertThatThrownBy(() -> sql.productVersion(MON)).hasMessageContaining("A network-related");
        assertThatThrownBy(() -> sql.backupDatabase(MON, "LcsCDR", backups.resolve("a.bak").toString(), false))
                .hasMessageContaining("A network-related");
    }

    @Test
    void reportsTheDatabaseStateAndTheProductVersion() {
        new LabShell(farm).run(LabFixtures.script(Cmdlet.of("Install-CsDatabase").with("DatabaseType", "Monitoring")
                .with("SqlServerFqdn", MON.fqdn()).with("SqlInstanceName", MON.instance()).withSwitch("Clean")),
                LabFixtures.TIMEOUT);

        assertThat(sql.databaseState(MON, "LcsLog")).isEqualTo(DatabaseState.HOLDS_DATA);
        assertThat(sql.databaseState(MON, "lcscdr")).isEqualTo(DatabaseState.EMPTY);
        assertThat(sql.databaseState(MON, "rtcxds")).isEqualTo(DatabaseState.ABSENT);
        assertThat(sql.productVersion(BE)).isEqualTo("11.0.7001.0");
        farm.destroySqlInstance(BE);
        farm.installSqlServer(BE, "10.50.6000.34");
        assertThat(sql.productVersion(BE)).isEqualTo("10.50.6000.34");
    }

    @Test
    void ensuresRtcComponentUniversalServicesIsAServerRoleUser() throws Exception {
        assertThat(sql.ensureComponentUniversalServices(MON, "LcsCDR")).isFalse();
        try (Connection c = farm.databases().open(MON, "LcsCDR"); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM principals");
        }

        assertThat(sql.ensureComponentUniversalServices(MON, "LcsCDR")).isTrue();
        assertThat(sql.ensureComponentUniversalServices(MON, "LcsCDR")).isFalse();
        assertThat(farm.tables(MON, "LcsCDR").get("principals"))
                .containsExactly(Map.of("name", "CONTOSO\\RTCComponentUniversalServices", "role", "ServerRole"));
    }

    @Test
    void theServerRoleRoleExistsOnlyInTheArchivingAndMonitoringDatabases() {
        assertThatThrownBy(() -> sql.ensureComponentUniversalServices(PCHAT, "mgc"))
                .hasMessage("Cannot alter the role 'ServerRole', because it does not exist or you do not have permission. "
                        + "(Microsoft SQL Server, Error: 15151) [database mgc on pcsql01.lab.contoso.local\\pchat]");
        assertThat(farm.tables(PCHAT, "mgc").get("principals")).isEmpty();
    }

    @Test
    void refusesUncAndMissingBackupPaths() {
        assertThatThrownBy(() -> sql.backupDatabase(MON, "LcsCDR", "\\\\backupsrv\\lyncbackup\\LcsCDR.bak", false))
                .isInstanceOf(SqlServerException.class).hasMessageContaining("lync.backup.root-unc must equal lync.backup.root");
        assertThatThrownBy(() -> sql.backupDatabase(MON, "LcsCDR", backups.resolve("no/such/folder/x.bak").toString(), false))
                .hasMessageContaining("Operating system error 3");
        assertThatThrownBy(() -> sql.verifyBackup(MON, backups.resolve("none.bak").toString()))
                .hasMessageContaining("Operating system error 2");
    }
}
