package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.fail;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.row;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.rows;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.sqlError;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.sqlMessage;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.update;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lyncrunbooks.sqlserver.RecordingJdbc.Executed;
import org.lyncrunbooks.sqlserver.SqlServerClient.DatabaseState;
import org.lyncrunbooks.topology.SqlStoreRef;

class JdbcSqlServerClientTest {

    private static final SqlStoreRef SQL01 = new SqlStoreRef("sql01.contoso.local", "rtc");
    private static final String BAK = "\\\\backupsrv\\lync\\20261126T020000Z.partial\\sql\\sql01.contoso.local_rtc\\LcsCDR.bak";
    private static final String HOSTILE = "x]; DROP DATABASE y--";

    private static final String CATALOG = "FROM sys.databases";
    private static final String ACTIVITY_TABLE = "AND t.name = ?";
    private static final String ALL_TABLES = "SELECT COALESCE(SUM(p.rows), 0)";

    private final RecordingJdbc db = new RecordingJdbc();
    private final JdbcSqlServerClient client = new JdbcSqlServerClient(db.factory(), SqlProperties.defaults());

    // --- names ----------------------------------------------------------------------------------------------

    @Test
    void checksTheNameInTheCatalogFirstWithTheNameAsABindParameter() {
        db.on(CATALOG, rows(row("LcsCDR"))).on("BACKUP DATABASE", update(-1));

        client.backupDatabase(SQL01, "LcsCDR", BAK, false);

        Executed first = db.executed().get(0);
        assertThat(first.sql()).isEqualTo("SELECT name FROM sys.databases WHERE name = ?");
        assertThat(first.parameters()).containsExactly("LcsCDR");
        assertThat(db.events().get(0)).isEqualTo("open sql01.contoso.local\\rtc");
    }

    @Test
    void usesTheNameAsTheCatalogSpellsIt() {
        db.on(CATALOG, rows(row("LcsCDR"))).on("BACKUP DATABASE", update(-1));

        client.backupDatabase(SQL01, "lcscdr", BAK, false);

        assertThat(db.executedSql()).containsExactly(
                "SELECT name FROM sys.databases WHERE name = ?",
                "BACKUP DATABASE [LcsCDR] TO DISK = N'" + BAK + "' WITH CHECKSUM, INIT");
    }

    @Test
    void takesACopyOnlyBackupWhenAsked() {
        db.on(CATALOG, rows(row("LcsCDR"))).on("BACKUP DATABASE", update(-1));

        client.backupDatabase(SQL01, "LcsCDR", BAK, true);

        assertThat(db.executedSql()).containsExactly(
                "SELECT name FROM sys.databases WHERE name = ?",
                "BACKUP DATABASE [LcsCDR] TO DISK = N'" + BAK + "' WITH COPY_ONLY, CHECKSUM, INIT");
    }

    @Test
    void stopsBeforeAnyBackupWhenTheCatalogDoesNotKnowTheName() {
        db.on(CATALOG, rows());

        assertThatThrownBy(() -> client.backupDatabase(SQL01, HOSTILE, BAK, false))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessage("database 'x]; DROP DATABASE y--' does not exist on instance sql01.contoso.local\\rtc");

        assertThat(db.executed()).singleElement().satisfies(query -> {
            assertThat(query.sql()).isEqualTo("SELECT name FROM sys.databases WHERE name = ?");
            assertThat(query.parameters()).containsExactly(HOSTILE);
        });
        assertThat(db.events()).last().isEqualTo("close connection");
    }

    @Test
    void neverSendsAHostileNameUnquotedEvenWhenTheCatalogHasIt() {
        db.on(CATALOG, rows(row(HOSTILE))).on("BACKUP DATABASE", update(-1));

        client.backupDatabase(SQL01, HOSTILE, BAK, false);

        for (String sql : db.executedSql()) {
            assertThat(sql.replace("[x]]; DROP DATABASE y--]", "[quoted]")).doesNotContain("DROP DATABASE");
        }
        assertThat(db.executedSql()).contains("BACKUP DATABASE [x]]; DROP DATABASE y--] TO DISK = N'" + BAK
                + "' WITH CHECKSUM, INIT");
    }

    @Test
    void refusesAnInvalidNameBeforeConnecting() {
        assertThatThrownBy(() -> client.backupDatabase(SQL01, "n".repeat(129), BAK, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("129 characters");
        assertThatThrownBy(() -> client.restoreDatabase(SQL01, "LcsLog\r\n", BAK, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.backupDatabase(SQL01, "LcsLog", "C:\\b\\x.bak\r\nGO", false))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(db.events()).isEmpty();
    }

    @Test
    void quotesAHostilePathAsOneLiteral() {
        db.on(CATALOG, rows(row("LcsLog"))).on("BACKUP DATABASE", update(-1));

        client.backupDatabase(SQL01, "LcsLog", "C:\\b\\'; EXEC xp_cmdshell 'x'--.bak", false);

        assertThat(db.executedSql()).last().isEqualTo(
                "BACKUP DATABASE [LcsLog] TO DISK = N'C:\\b\\''; EXEC xp_cmdshell ''x''--.bak' WITH CHECKSUM, INIT");
    }

    // --- results and errors ---------------------------------------------------------------------------------

    @Test
    void surfacesAnErrorRaisedOnALaterResult() {
        db.on(CATALOG, rows(row("LcsCDR")))
                .on("BACKUP DATABASE", update(0), rows(), fail(sqlError(3201,
                        "Cannot open backup device '" + BAK + "'. Operating system error 5(Access is denied.).")));

        assertThatThrownBy(() -> client.backupDatabase(SQL01, "LcsCDR", BAK, false))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessageStartingWith("backup of [LcsCDR] on sql01.contoso.local\\rtc failed: Msg 3201: Cannot open "
                        + "backup device")
                .hasMessageContaining("Operating system error 5");

        assertThat(db.events()).filteredOn("getMoreResults"::equals).hasSize(2);
    }

    @Test
    void aPermissionErrorNamesTheRoleTheLoginLacks() {
        SQLException denied = sqlError(262, "BACKUP DATABASE permission denied in database 'LcsCDR'.");
        denied.setNextException(sqlError(3013, "BACKUP DATABASE is terminating abnormally."));
        db.on(CATALOG, rows(row("LcsCDR"))).on("BACKUP DATABASE", fail(denied));

        assertThatThrownBy(() -> client.backupDatabase(SQL01, "LcsCDR", BAK, true))
                .hasMessage("backup of [LcsCDR] on sql01.contoso.local\\rtc failed: Msg 262: BACKUP DATABASE permission "
                        + "denied in database 'LcsCDR'.; Msg 3013: BACKUP DATABASE is terminating abnormally. The login the "
                        + "runbooks use was refused: it needs the sysadmin fixed server role on this SQL Server instance (P5).");
    }

    @Test
    void readsEveryResultUntilNoneIsLeft() {
        db.on(CATALOG, rows(row("LcsCDR"))).on("BACKUP DATABASE", update(0), rows(row(1)), update(3), update(-1));

        client.backupDatabase(SQL01, "LcsCDR", BAK, false);

        assertThat(db.events()).filteredOn("getMoreResults"::equals).hasSize(3);
    }

    @Test
    void reportsEveryChainedErrorWithItsNumberAndTheMessagesBeforeIt() {
        SQLException cannotOpen = sqlError(3201, "Cannot open backup device 'x'. Operating system error 3.");
        cannotOpen.setNextException(sqlError(3013, "BACKUP DATABASE is terminating abnormally."));
        db.on(CATALOG, rows(row("LcsCDR")))
                .on("BACKUP DATABASE", List.of(sqlMessage(4035, "Processed 10 pages for database 'LcsCDR'.")),
                        update(0), fail(cannotOpen));

        assertThatThrownBy(() -> client.backupDatabase(SQL01, "LcsCDR", BAK, false))
                .hasMessage("backup of [LcsCDR] on sql01.contoso.local\\rtc failed: Msg 3201: Cannot open backup "
                        + "device 'x'. Operating system error 3.; Msg 3013: BACKUP DATABASE is terminating abnormally."
                        + " (SQL Server also said: Msg 4035: Processed 10 pages for database 'LcsCDR'.)")
                .hasCause(cannotOpen);
    }

    @Test
    void appliesTheStatementTimeoutToEveryStatement() {
        JdbcSqlServerClient timed = new JdbcSqlServerClient(db.factory(),
                new SqlProperties(null, null, null, Duration.ofHours(2), null, null));
        db.on(CATALOG, rows(row("LcsCDR"))).on("BACKUP DATABASE", update(-1));

        timed.backupDatabase(SQL01, "LcsCDR", BAK, false);

        assertThat(db.executed()).extracting(Executed::queryTimeout).containsExactly(7200, 7200);
    }

    @Test
    void verifiesABackupWithoutNamingADatabase() {
        db.on("RESTORE VERIFYONLY", update(-1));

        client.verifyBackup(SQL01, BAK);

        assertThat(db.executedSql()).containsExactly("RESTORE VERIFYONLY FROM DISK = N'" + BAK + "' WITH CHECKSUM");
    }

    @Test
    void reportsAFailedVerificationWithSqlServersMessage() {
        db.on("RESTORE VERIFYONLY", fail(sqlError(3241,
                "The media family on device 'x' is incorrectly formed. SQL Server cannot process this media family.")));

        assertThatThrownBy(() -> client.verifyBackup(SQL01, BAK))
                .hasMessageStartingWith("verification of backup file N'" + BAK + "' on sql01.contoso.local\\rtc failed: "
                        + "Msg 3241: The media family");
    }

    @Test
    void reportsAConnectionFailureWithTheInstance() {
        SqlConnectionFactory refusing = instance -> {
            throw new SQLException("Login failed for user 'lyncbackup'.", "S0001", 18456);
        };

        assertThatThrownBy(() -> new JdbcSqlServerClient(refusing, SqlProperties.defaults()).productVersion(SQL01))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessage("connecting to sql01.contoso.local\\rtc for the product version query failed: "
                        + "Msg 18456: Login failed for user 'lyncbackup'.");
    }

    @Test
    void closesTheConnectionAfterAFailure() {
        db.on(CATALOG, fail(sqlError(208, "Invalid object name 'sys.databases'.")));

        assertThatThrownBy(() -> client.databaseState(SQL01, "LcsLog")).isInstanceOf(SqlServerException.class);

        assertThat(db.events()).last().isEqualTo("close connection");
    }

    // --- restore --------------------------------------------------------------------------------------------

    @Test
    void refusesARestoreOntoADatabaseThatHoldsDataAndRunsNoRestore() {
        db.on(CATALOG, rows(row("LcsCDR"))).on(ACTIVITY_TABLE, rows(row(1, 4711L)));

        assertThatThrownBy(() -> client.restoreDatabase(SQL01, "LcsCDR", BAK, false))
                .isExactlyInstanceOf(SqlTargetNotCleanException.class)
                .hasMessage("database [LcsCDR] on sql01.contoso.local\\rtc holds data (4711 rows in dbo.SessionDetails);"
                        + " restore refused — restores go only to new or clean databases. A manager can approve"
                        + " an override.");

        assertThat(db.executedSql()).noneMatch(sql -> sql.startsWith("RESTORE") || sql.startsWith("ALTER"));
        assertThat(db.executed().get(1).parameters()).containsExactly("dbo", "SessionDetails");
    }

    @Test
    void replacesAnEmptyDatabaseBetweenSingleUserAndMultiUser() {
        db.on(CATALOG, rows(row("LcsCDR")))
                .on(ACTIVITY_TABLE, rows(row(1, 0L)))
                .on("SET SINGLE_USER", update(-1))
                .on("RESTORE DATABASE", update(-1))
                .on("SET MULTI_USER", update(-1));

        client.restoreDatabase(SQL01, "lcscdr", BAK, false);

        assertThat(db.executedSql()).filteredOn(sql -> !sql.startsWith("SELECT")).containsExactly(
                "ALTER DATABASE [LcsCDR] SET SINGLE_USER WITH ROLLBACK IMMEDIATE",
                "RESTORE DATABASE [LcsCDR] FROM DISK = N'" + BAK + "' WITH CHECKSUM, REPLACE",
                "ALTER DATABASE [LcsCDR] SET MULTI_USER");
    }

    @Test
    void setsMultiUserAgainWhenTheRestoreFails() {
        SQLException exclusive = sqlError(3101, "Exclusive access could not be obtained because the database is in use.");
        db.on(CATALOG, rows(row("QoEMetrics")))
                .on(ACTIVITY_TABLE, rows(row(1, 0L)))
                .on("SET SINGLE_USER", update(-1))
                .on("RESTORE DATABASE", fail(exclusive))
                .on("SET MULTI_USER", update(-1));

        assertThatThrownBy(() -> client.restoreDatabase(SQL01, "QoEMetrics", BAK, false))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessageStartingWith("restore of [QoEMetrics] on sql01.contoso.local\\rtc failed: Msg 3101: "
                        + "Exclusive access could not be obtained")
                .hasCause(exclusive);

        List<String> sql = db.executedSql();
        assertThat(sql.get(sql.size() - 2)).isEqualTo("SELECT name FROM sys.databases WHERE name = ?");
        assertThat(sql).last().isEqualTo("ALTER DATABASE [QoEMetrics] SET MULTI_USER");
        assertThat(db.events()).last().isEqualTo("close connection");
    }

    @Test
    void keepsTheRestoreErrorWhenMultiUserFailsToo() {
        db.on(CATALOG, rows(row("LcsLog")))
                .on(ACTIVITY_TABLE, rows(row(1, 0L)))
                .on("SET SINGLE_USER", update(-1))
                .on("RESTORE DATABASE", fail(sqlError(3183, "RESTORE detected an error on page (1:123).")))
                .on("SET MULTI_USER", fail(sqlError(5011, "User does not have permission to alter database 'LcsLog'.")));

        assertThatThrownBy(() -> client.restoreDatabase(SQL01, "LcsLog", BAK, false))
                .hasMessageContaining("Msg 3183")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s.getMessage()).contains("back to MULTI_USER failed: Msg 5011")));
    }

    @Test
    void restoresAnAbsentDatabaseWithoutReplace() {
        db.on(CATALOG, rows()).on("RESTORE DATABASE", update(-1));

        client.restoreDatabase(SQL01, "LcsLog", BAK, false);

        assertThat(db.executedSql()).containsExactly(
                "SELECT name FROM sys.databases WHERE name = ?",
                "RESTORE DATABASE [LcsLog] FROM DISK = N'" + BAK + "' WITH CHECKSUM");
    }

    @Test
    void replacesADatabaseThatHoldsDataWhenAnOverrideWasApproved() {
        db.on(CATALOG, rows(row("LcsCDR")))
                .on("SET SINGLE_USER", update(-1))
                .on("RESTORE DATABASE", update(-1))
                .on("SET MULTI_USER", update(-1));

        client.restoreDatabase(SQL01, "LcsCDR", BAK, true);

        assertThat(db.executedSql()).noneMatch(sql -> sql.contains("sys.partitions"))
                .contains("RESTORE DATABASE [LcsCDR] FROM DISK = N'" + BAK + "' WITH CHECKSUM, REPLACE");
    }

    @Test
    void movesEveryFileToTheRebuiltInstancesDefaultFoldersUnderItsOwnName() {
        db.on(CATALOG, rows())
                .on("InstanceDefaultDataPath", rows(row("C:\\Program Files\\Microsoft SQL Server\\MSSQL11.RTC\\MSSQL\\DATA\\",
                        "L:\\Logs")))
                .on("RESTORE FILELISTONLY", rows(row("LcsCDR", "E:\\MSSQL\\Data\\LcsCDR.mdf", "D"),
                        row("LcsCDR_log", "F:\\MSSQL\\Logs\\LcsCDR_log.ldf", "L")))
                .on("RESTORE DATABASE", update(-1));

        client.restoreDatabase(SQL01, "LcsCDR", BAK, false, SqlServerClient.FileLocations.instanceDefaults());

        assertThat(db.executedSql()).containsExactly(
                "SELECT name FROM sys.databases WHERE name = ?",
                RestoreFiles.DEFAULT_PATHS,
                "RESTORE FILELISTONLY FROM DISK = N'" + BAK + "'",
                "RESTORE DATABASE [LcsCDR] FROM DISK = N'" + BAK + "' WITH CHECKSUM, MOVE N'LcsCDR' TO "
                        + "N'C:\\Program Files\\Microsoft SQL Server\\MSSQL11.RTC\\MSSQL\\DATA\\LcsCDR.mdf', MOVE N'LcsCDR_log' "
                        + "TO N'L:\\Logs\\LcsCDR_log.ldf'");
    }

    @Test
    void movesTheFilesToTheFoldersTheDbaGaveWithoutAskingTheInstance() {
        db.on(CATALOG, rows(row("LcsLog")))
                .on(ACTIVITY_TABLE, rows(row(1, 0L)))
                .on("RESTORE FILELISTONLY", rows(row("LcsLog", "E:\\Data\\LcsLog.mdf", "D"),
                        row("LcsLog_log", "F:\\Logs\\LcsLog_log.ldf", "L")))
                .on("SET SINGLE_USER", update(-1))
                .on("RESTORE DATABASE", update(-1))
                .on("SET MULTI_USER", update(-1));

        client.restoreDatabase(SQL01, "LcsLog", BAK, false, new SqlServerClient.FileLocations("D:\\SQLData", "D:\\SQLLogs\\"));

        assertThat(db.executedSql()).noneMatch(sql -> sql.contains("SERVERPROPERTY")).contains(
                "RESTORE DATABASE [LcsLog] FROM DISK = N'" + BAK + "' WITH CHECKSUM, MOVE N'LcsLog' TO "
                        + "N'D:\\SQLData\\LcsLog.mdf', MOVE N'LcsLog_log' TO N'D:\\SQLLogs\\LcsLog_log.ldf', REPLACE");
    }

    @Test
    void asksForTheFoldersWhenTheInstanceDoesNotSayItsDefaults() {
        db.on(CATALOG, rows()).on("InstanceDefaultDataPath", rows(row(null, null)));

        assertThatThrownBy(() -> client.restoreDatabase(SQL01, "LcsLog", BAK, false,
                SqlServerClient.FileLocations.instanceDefaults()))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("does not report its default data and log paths")
                .hasMessageContaining("give the data and log folders in the Install SQL Server task");
        assertThat(db.executedSql()).noneMatch(sql -> sql.startsWith("RESTORE"));
    }

    @Test
    void countsTheRowsOfEveryUserTableFromTheCatalogsName() {
        db.on(CATALOG, rows(row("xds"))).on("GROUP BY s.name, t.name", rows(row("dbo.Item", 12L), row("dbo.Document", 3L)));

        assertThat(client.tableRows(SQL01, "XDS")).containsExactly(java.util.Map.entry("dbo.Document", 3L),
                java.util.Map.entry("dbo.Item", 12L));
        assertThat(db.executedSql()).last().isEqualTo(DatabaseOccupancy.perTableSql("[xds]"));
    }

    @Test
    void countsNothingForADatabaseThatDoesNotExist() {
        db.on(CATALOG, rows());

        assertThat(client.tableRows(SQL01, "lis")).isEmpty();
        assertThat(db.executedSql()).containsExactly("SELECT name FROM sys.databases WHERE name = ?");
    }

    // --- state ----------------------------------------------------------------------------------------------

    @Test
    void reportsAnAbsentDatabase() {
        db.on(CATALOG, rows());

        assertThat(client.databaseState(SQL01, "LcsLog")).isEqualTo(DatabaseState.ABSENT);
    }

    @Test
    void countsOnlyTheActivityTableOfAKnownLyncDatabase() {
        db.on(CATALOG, rows(row("LcsLog"))).on(ACTIVITY_TABLE, rows(row(1, 0L)));

        assertThat(client.databaseState(SQL01, "LcsLog")).isEqualTo(DatabaseState.EMPTY);

        Executed count = db.executed().get(1);
        assertThat(count.sql()).isEqualTo("SELECT COUNT(*), COALESCE(SUM(p.rows), 0) FROM [LcsLog].sys.tables AS t"
                + " JOIN [LcsLog].sys.schemas AS s ON s.schema_id = t.schema_id"
                + " JOIN [LcsLog].sys.partitions AS p ON p.object_id = t.object_id AND p.index_id IN (0, 1)"
                + " WHERE t.is_ms_shipped = 0 AND s.name = ? AND t.name = ?");
        assertThat(count.parameters()).containsExactly("dbo", "Messages");
        assertThat(db.executed()).hasSize(2);
    }

    @Test
    void countsEveryUserTableWhenTheActivityTableIsMissing() {
        db.on(CATALOG, rows(row("mgc"))).on(ACTIVITY_TABLE, rows(row(0, 0L))).on(ALL_TABLES, rows(row(12L)));

        assertThat(client.databaseState(SQL01, "mgc")).isEqualTo(DatabaseState.HOLDS_DATA);

        assertThat(db.executed().get(1).parameters()).containsExactly("dbo", "tblChat");
        assertThat(db.executedSql()).last().isEqualTo("SELECT COALESCE(SUM(p.rows), 0) FROM [mgc].sys.tables AS t"
                + " JOIN [mgc].sys.partitions AS p ON p.object_id = t.object_id AND p.index_id IN (0, 1)"
                + " WHERE t.is_ms_shipped = 0");
    }

    @Test
    void countsEveryUserTableOfAnotherDatabase() {
        db.on(CATALOG, rows(row("scratch"))).on(ALL_TABLES, rows(row(0L)));

        assertThat(client.databaseState(SQL01, "scratch")).isEqualTo(DatabaseState.EMPTY);
        assertThat(db.executedSql()).noneMatch(sql -> sql.contains(ACTIVITY_TABLE));
    }

    @Test
    void namesTheUserTablesInARefusalOfAnotherDatabase() {
        db.on(CATALOG, rows(row("scratch"))).on(ALL_TABLES, rows(row(3L)));

        assertThatThrownBy(() -> client.restoreDatabase(SQL01, "scratch", BAK, false))
                .hasMessageContaining("holds data (3 rows in user tables)");
    }

    @Test
    void readsTheProductVersion() {
        db.on("SERVERPROPERTY", rows(row("11.0.7001.0")));

        assertThat(client.productVersion(SQL01)).isEqualTo("11.0.7001.0");
        assertThat(db.executedSql()).containsExactly("SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128))");
    }

    // --- RTCComponentUniversalServices ----------------------------------------------------------------------

    @Test
    void leavesServerRoleAloneWhenTheGroupIsAMember() {
        db.on(CATALOG, rows(row("LcsCDR"))).on("sys.database_role_members", rows(row("CONTOSO\\RTCComponentUniversalServices")));

        assertThat(client.ensureComponentUniversalServices(SQL01, "LcsCDR")).isFalse();

        Executed check = db.executed().get(1);
        assertThat(check.sql()).startsWith("SELECT m.name FROM [LcsCDR].sys.database_role_members AS rm");
        assertThat(check.parameters()).containsExactly("ServerRole", "%\\RTCComponentUniversalServices",
                "%\\RTCComponentUniversalServices");
        assertThat(db.executedSql()).hasSize(2);
    }

    @Test
    void asksForTheAdDomainWhenTheGroupIsMissing() {
        db.on(CATALOG, rows(row("LcsCDR"))).on("sys.database_role_members", rows());

        assertThatThrownBy(() -> client.ensureComponentUniversalServices(SQL01, "LcsCDR"))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessageContaining("[LcsCDR] on sql01.contoso.local\\rtc")
                .hasMessageContaining("RTCComponentUniversalServices")
                .hasMessageContaining("set lync.sql.ad-domain")
                .hasMessageContaining("add the user by hand");
        assertThat(db.executedSql()).noneMatch(sql -> sql.contains("sp_executesql"));
    }

    @Test
    void createsTheUserAndAddsItToServerRoleInsideTheDatabase() {
        JdbcSqlServerClient withDomain = new JdbcSqlServerClient(db.factory(),
                new SqlProperties(null, null, null, null, "CONTOSO", null));
        db.on(CATALOG, rows(row("LcsCDR")))
                .on("sys.database_role_members", rows())
                .on("sys.database_principals WHERE name = ?", rows())
                .on("sys.sp_executesql", update(0))
                .on("SERVERPROPERTY", rows(row("11.0.7001.0")));

        assertThat(withDomain.ensureComponentUniversalServices(SQL01, "LcsCDR")).isTrue();

        List<Executed> dynamic = db.executed().stream().filter(e -> e.sql().contains("sp_executesql")).toList();
        assertThat(dynamic).extracting(Executed::sql).containsOnly("EXEC [LcsCDR].sys.sp_executesql ?");
        assertThat(dynamic).flatExtracting(Executed::parameters).containsExactly(
                "CREATE USER [CONTOSO\\RTCComponentUniversalServices] FOR LOGIN [CONTOSO\\RTCComponentUniversalServices]",
                "ALTER ROLE [ServerRole] ADD MEMBER [CONTOSO\\RTCComponentUniversalServices]");
        assertThat(db.executedSql()).noneMatch(sql -> sql.startsWith("USE"));
    }

    @Test
    void addsAnExistingUserToServerRoleWithSpAddRoleMemberOnSqlServer2008R2() {
        JdbcSqlServerClient withDomain = new JdbcSqlServerClient(db.factory(),
                new SqlProperties(null, null, null, null, "CONTOSO", null));
        db.on(CATALOG, rows(row("LcsLog")))
                .on("sys.database_role_members", rows())
                .on("sys.database_principals WHERE name = ?", rows(row("RTCUniversal")))
                .on("sys.sp_executesql", update(0))
                .on("SERVERPROPERTY", rows(row("10.50.6000.34")));

        assertThat(withDomain.ensureComponentUniversalServices(SQL01, "LcsLog")).isTrue();

        assertThat(db.executed()).filteredOn(e -> e.sql().contains("sp_executesql"))
                .flatExtracting(Executed::parameters)
                .containsExactly("EXEC sp_addrolemember @rolename = N'ServerRole', @membername = N'RTCUniversal'");
    }
}
