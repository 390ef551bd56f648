package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.lab.LabFixtures.MON;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.sqlserver.ScratchDatabases;
import org.lyncrunbooks.sqlserver.SqlServerClient.BackupFile;
import org.lyncrunbooks.sqlserver.SqlServerClient.FileMove;
import org.lyncrunbooks.sqlserver.SqlServerException;

/**
 * The lab SQL Server plays a restore drill as SQL Server does: a copy restored beside its database needs
 * {@code WITH MOVE}, DBCC CHECKDB reads every row, and damage done before a backup passes verification and is found
 * only by CHECKDB on the restored copy.
 */
class LabScratchRestoreTest {

    private static final String SCRATCH = ScratchDatabases.PREFIX + "LcsCDR";

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
    void listsTheBackupsFilesAsFileListOnlyDoes() {
        String bak = backUp("LcsCDR");

        List<BackupFile> files = sql.backupFiles(MON, bak);

        // mon01's archmon instance keeps its data on E: and its logs on F:, as the lab farm installed it
        assertThat(files).extracting(BackupFile::logicalName, BackupFile::type, BackupFile::physicalName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LcsCDR", "D", "E:\\MSSQL\\ARCHMON\\Data\\LcsCDR.mdf"),
                org.assertj.core.groups.Tuple.tuple("LcsCDR_log", "L", "F:\\MSSQL\\ARCHMON\\Logs\\LcsCDR_log.ldf"));
        assertThat(sql.defaultPaths(MON)).isEqualTo(new org.lyncrunbooks.sqlserver.SqlServerClient.DefaultPaths(
                "E:\\MSSQL\\ARCHMON\\Data\\", "F:\\MSSQL\\ARCHMON\\Logs\\"));
    }

    @Test
    void aCopyBesideItsDatabaseWithoutMoveFailsWithSqlServersErrors() {
        String bak = backUp("LcsCDR");

        assertThatThrownBy(() -> sql.restoreScratchCopy(MON, SCRATCH, bak,
                List.of(new FileMove("LcsCDR", "C:\\Data\\lyncdrill_LcsCDR.mdf"))))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("Msg 1834: The file 'F:\\MSSQL\\ARCHMON\\Logs"
                        + "\\LcsCDR_log.ldf' cannot be overwritten.  It is being used by database 'LcsCDR'.")
                .hasMessageContaining("Msg 3156: File 'LcsCDR_log' cannot be restored")
                .hasMessageContaining("Msg 3013: RESTORE DATABASE is terminating abnormally.");
        assertThat(sql.scratchDatabases(MON)).isEmpty();
    }

    @Test
    void aCopyWithEveryFileMovedHoldsTheSameRowsAndPassesCheckDb() {
        String bak = backUp("LcsCDR");
        Map<String, List<Map<String, Object>>> production = farm.tables(MON, "LcsCDR");

        sql.restoreScratchCopy(MON, SCRATCH, bak, moves(bak));

        assertThat(farm.tables(MON, SCRATCH)).isEqualTo(production);
        assertThat(sql.checkDatabase(MON, SCRATCH)).isEmpty();
        assertThat(sql.rowCounts(MON, SCRATCH)).containsEntry("dbo.session_details",
                (long) production.get("session_details").size()).doesNotContainKey("dbo.principals");
        assertThat(sql.scratchDatabases(MON)).containsExactly(SCRATCH);
        assertThatThrownBy(() -> sql.restoreScratchCopy(MON, SCRATCH, bak, moves(bak)))
                .hasMessageContaining("Msg 3154");

        sql.dropScratchDatabase(MON, SCRATCH);

        assertThat(sql.scratchDatabases(MON)).isEmpty();
        assertThat(farm.tables(MON, "LcsCDR")).isEqualTo(production);
    }

    @Test
    void aTornPageWrittenBeforeTheBackupPassesVerificationAndIsFoundByCheckDb() {
        String done = farm.damageDatabase(MON, "LcsCDR", DatabaseDamage.TORN_PAGE);
        String bak = backUp("LcsCDR");
        sql.verifyBackup(MON, bak);

        sql.restoreScratchCopy(MON, SCRATCH, bak, moves(bak));
        List<String> errors = sql.checkDatabase(MON, SCRATCH);

        assertThat(done).startsWith("torn page (1:2) of table session_details");
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("Msg 8928: Object ID").contains("Page (1:101)"))
                .anySatisfy(e -> assertThat(e).startsWith("Msg 8939: Table error").contains("is torn: 4 row(s) without"))
                .contains("Msg 8989: CHECKDB found 0 allocation errors and 2 consistency errors in database '"
                        + SCRATCH + "'.");
        assertThat(errors).last().asString().startsWith("Msg 8958: repair_allow_data_loss is the minimum repair level");
    }

    @Test
    void aBrokenIndexWrittenBeforeTheBackupPassesVerificationAndIsFoundByCheckDb() {
        farm.damageDatabase(MON, "QoEMetrics", DatabaseDamage.BROKEN_INDEX);
        String bak = backUp("QoEMetrics");
        sql.verifyBackup(MON, bak);
        String scratch = ScratchDatabases.nameFor("QoEMetrics");

        sql.restoreScratchCopy(MON, scratch, bak, moves(bak));

        assertThat(sql.checkDatabase(MON, scratch))
                .anySatisfy(e -> assertThat(e).startsWith("Msg 2512: Table error").contains("Duplicate keys on page")
                        .contains("appears 2 times in index 'PK_session_quality'"))
                .contains("Msg 8990: CHECKDB found 0 allocation errors and 1 consistency errors in table "
                        + "'session_quality' (object ID " + LabConsistency.objectId("session_quality") + ").");
    }

    @Test
    void neverDropsOrRestoresOverADatabaseWithoutTheScratchPrefix() {
        String bak = backUp("LcsCDR");

        assertThatThrownBy(() -> sql.dropScratchDatabase(MON, "LcsCDR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a restore drill's scratch database");
        assertThatThrownBy(() -> sql.restoreScratchCopy(MON, "LcsCDR_copy", bak, moves(bak)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(farm.tables(MON, "LcsCDR")).isNotEmpty();
    }

    private String backUp(String database) {
        String bak = backups.resolve(database + ".bak").toString();
        sql.backupDatabase(MON, database, bak, true);
        return bak;
    }

    private List<FileMove> moves(String bak) {
        String scratch = ScratchDatabases.PREFIX + sql.backupFiles(MON, bak).get(0).logicalName();
        return ScratchDatabases.moves(sql.backupFiles(MON, bak), sql.defaultPaths(MON), scratch);
    }
}
