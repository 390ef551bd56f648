package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.fail;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.row;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.rows;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.sqlError;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.update;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lyncrunbooks.sqlserver.SqlServerClient.BackupFile;
import org.lyncrunbooks.sqlserver.SqlServerClient.DefaultPaths;
import org.lyncrunbooks.sqlserver.SqlServerClient.FileMove;
import org.lyncrunbooks.topology.SqlStoreRef;

/** The T-SQL of a restore drill, sent by {@link JdbcSqlServerClient} to a recorded connection. */
class ScratchRestoreStatementsTest {

    private static final SqlStoreRef SQL01 = new SqlStoreRef("sql01.contoso.local", "archmon");
    private static final String BAK = "\\\\backupsrv\\lync\\20261126T020000Z\\sql\\sql01.contoso.local_archmon\\LcsCDR.bak";
    private static final String CATALOG = "FROM sys.databases WHERE name = ?";
    private static final String SCRATCH = "lyncdrill_LcsCDR";

    private final RecordingJdbc db = new RecordingJdbc();
    private final JdbcSqlServerClient client = new JdbcSqlServerClient(db.factory(), SqlProperties.defaults());

    @Test
    void readsTheBackupsFilesWithFileListOnly() {
        db.on("RESTORE FILELISTONLY", rows(
                row("LcsCDR_data", "D:\\MSSQL\\DATA\\LcsCDR.mdf", "D", "PRIMARY", 1048576L),
                row("LcsCDR_log", "L:\\MSSQL\\LOG\\LcsCDR.ldf", "L", null, 524288L)));

        List<BackupFile> files = client.backupFiles(SQL01, BAK);

        assertThat(db.executedSql()).containsExactly("RESTORE FILELISTONLY FROM DISK = N'" + BAK + "'");
        assertThat(files).containsExactly(new BackupFile("LcsCDR_data", "D", "D:\\MSSQL\\DATA\\LcsCDR.mdf", 1048576L),
                new BackupFile("LcsCDR_log", "L", "L:\\MSSQL\\LOG\\LcsCDR.ldf", 524288L));
    }

    @Test
    void movesEveryFileToTheDefaultFoldersUnderAPrefixedName() {
        List<BackupFile> files = List.of(new BackupFile("LcsCDR_data", "D", "D:\\MSSQL\\DATA\\LcsCDR.mdf", 1L),
                new BackupFile("LcsCDR_log", "L", "L:\\MSSQL\\LOG\\LcsCDR.ldf", 1L));

        assertThat(ScratchDatabases.moves(files, new DefaultPaths("E:\\Drill\\Data", "F:\\Drill\\Log\\"), SCRATCH))
                .containsExactly(new FileMove("LcsCDR_data", "E:\\Drill\\Data\\lyncdrill_LcsCDR.mdf"),
                        new FileMove("LcsCDR_log", "F:\\Drill\\Log\\lyncdrill_LcsCDR.ldf"));
        // SQL Server 2008 R2 has no InstanceDefaultDataPath: beside the original files
        assertThat(ScratchDatabases.moves(files, new DefaultPaths(null, null), SCRATCH))
                .containsExactly(new FileMove("LcsCDR_data", "D:\\MSSQL\\DATA\\lyncdrill_LcsCDR.mdf"),
                        new FileMove("LcsCDR_log", "L:\\MSSQL\\LOG\\lyncdrill_LcsCDR.ldf"));
        assertThat(ScratchDatabases.moves(List.of(new BackupFile("d", "D", "/var/opt/mssql/data/x.mdf", 1L)),
                new DefaultPaths("/var/opt/mssql/data", null), "lyncdrill_x"))
                .containsExactly(new FileMove("d", "/var/opt/mssql/data/lyncdrill_x.mdf"));
    }

    @Test
    void restoresTheCopyWithMoveAndChecksumAfterMakingSureItIsAbsent() {
        db.on(CATALOG, rows()).on("RESTORE DATABASE", update(-1));
        List<FileMove> moves = List.of(new FileMove("LcsCDR_data", "E:\\Data\\lyncdrill_LcsCDR.mdf"),
                new FileMove("LcsCDR_log", "E:\\Log\\lyncdrill_it's.ldf"));

        client.restoreScratchCopy(SQL01, SCRATCH, BAK, moves);

        assertThat(db.executed().get(0).parameters()).containsExactly(SCRATCH);
        assertThat(db.executedSql()).last().isEqualTo("RESTORE DATABASE [lyncdrill_LcsCDR] FROM DISK = N'" + BAK
                + "' WITH MOVE N'LcsCDR_data' TO N'E:\\Data\\lyncdrill_LcsCDR.mdf', MOVE N'LcsCDR_log' TO "
                + "N'E:\\Log\\lyncdrill_it''s.ldf', CHECKSUM");
    }

    @Test
    void neverRestoresOverAnExistingScratchDatabaseOrUnderAProductionName() {
        db.on(CATALOG, rows(row(SCRATCH)));
        List<FileMove> moves = List.of(new FileMove("a", "E:\\a.mdf"));

        assertThatThrownBy(() -> client.restoreScratchCopy(SQL01, SCRATCH, BAK, moves))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> client.restoreScratchCopy(SQL01, "LcsCDR", BAK, moves))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lyncdrill_");
        assertThat(db.executedSql()).noneMatch(sql -> sql.startsWith("RESTORE"));
    }

    @Test
    void returnsCheckDbsConsistencyErrorsInItsOwnWords() {
        SQLException page = sqlError(8928, "Object ID 2105058535, index ID 1 … Page (1:153) could not be processed.");
        page.setNextException(sqlError(8990, "CHECKDB found 0 allocation errors and 1 consistency errors in table 'SessionDetails'."));
        db.on(CATALOG, rows(row(SCRATCH))).on("DBCC CHECKDB", fail(page));

        List<String> errors = client.checkDatabase(SQL01, SCRATCH);

        assertThat(db.executedSql()).last().isEqualTo("DBCC CHECKDB ([lyncdrill_LcsCDR]) WITH NO_INFOMSGS, ALL_ERRORMSGS");
        assertThat(errors).containsExactly("Msg 8928: Object ID 2105058535, index ID 1 … Page (1:153) could not be processed.",
                "Msg 8990: CHECKDB found 0 allocation errors and 1 consistency errors in table 'SessionDetails'.");
    }

    @Test
    void aConsistentDatabaseGivesNoErrors() {
        db.on(CATALOG, rows(row(SCRATCH))).on("DBCC CHECKDB", update(-1));

        assertThat(client.checkDatabase(SQL01, SCRATCH)).isEmpty();
    }

    @Test
    void countsTheRowsOfEveryUserTableThroughThreePartNames() {
        db.on(CATALOG, rows(row("lyncdrill_x]y"))).on("sys.partitions", rows(row("dbo", "SessionDetails", 4711L),
                row("dbo", "Users", 12L)));

        assertThat(client.rowCounts(SQL01, "lyncdrill_x]y")).containsExactly(
                java.util.Map.entry("dbo.SessionDetails", 4711L), java.util.Map.entry("dbo.Users", 12L));
        assertThat(db.executedSql()).last().asString().startsWith("SELECT s.name, t.name, COALESCE(SUM(p.rows), 0) FROM "
                + "[lyncdrill_x]]y].sys.tables AS t JOIN [lyncdrill_x]]y].sys.schemas AS s");
    }

    @Test
    void findsScratchDatabasesWithTheUnderscoreEscaped() {
        db.on("LIKE ?", rows(row("lyncdrill_LcsCDR"), row("lyncdrill_QoEMetrics")));

        assertThat(client.scratchDatabases(SQL01)).containsExactly("lyncdrill_LcsCDR", "lyncdrill_QoEMetrics");
        assertThat(db.executed()).singleElement().satisfies(q -> {
            assertThat(q.sql()).isEqualTo("SELECT name FROM sys.databases WHERE name LIKE ? ESCAPE '\\' ORDER BY name");
            assertThat(q.parameters()).containsExactly("lyncdrill\\_%");
        });
    }

    @Test
    void dropsAScratchDatabaseInSingleUserModeAndNothingWhenItIsGone() {
        db.on(CATALOG, rows(row(SCRATCH))).on(CATALOG, rows()).on("SET SINGLE_USER", update(-1)).on("DROP DATABASE", update(-1));

        client.dropScratchDatabase(SQL01, SCRATCH);
        client.dropScratchDatabase(SQL01, SCRATCH);

        assertThat(db.executedSql()).filteredOn(sql -> !sql.startsWith("SELECT")).containsExactly(
                "ALTER DATABASE [lyncdrill_LcsCDR] SET SINGLE_USER WITH ROLLBACK IMMEDIATE",
                "DROP DATABASE [lyncdrill_LcsCDR]");
    }

    @Test
    void refusesToDropAnythingWithoutThePrefixBeforeConnecting() {
        assertThatThrownBy(() -> client.dropScratchDatabase(SQL01, "LcsCDR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.dropScratchDatabase(SQL01, "lyncdrill_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.dropScratchDatabase(SQL01, "lyncdrill_x\r\nDROP DATABASE LcsCDR"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(db.events()).isEmpty();
    }

    @Test
    void readsTheInstancesDefaultFolders() {
        db.on("InstanceDefaultDataPath", rows(row("D:\\Data\\", "L:\\Log\\")));

        assertThat(client.defaultPaths(SQL01)).isEqualTo(new DefaultPaths("D:\\Data\\", "L:\\Log\\"));
    }
}
