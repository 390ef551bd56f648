package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.sqlserver.SqlServerClient.DatabaseState;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * Runs {@link JdbcSqlServerClient} and {@link MssqlConnectionFactory} against a real SQL Server: the only test
 * here that shows the T-SQL is accepted by the server, since nothing on the build machines can run one.
 *
 * <p>It is not part of the default build; run it with {@code mvn verify -Psqlserver-live} and these
 * environment variables. Without any of them it is skipped, the report saying which to set; with only some of
 * them it fails, naming the missing ones.
 * <ul>
 *   <li>{@code LYNC_TEST_SQLSERVER_URL}: the instance as {@code fqdn\instance}, or {@code fqdn} for a default
 *       instance (port 1433; a named instance is found through the SQL Server Browser service);</li>
 *   <li>{@code LYNC_TEST_SQLSERVER_USER}: a SQL Server login allowed to create, back up, restore and drop
 *       databases (sysadmin, or dbcreator plus the backup rights);</li>
 *   <li>{@code LYNC_TEST_SQLSERVER_PASSWORD_ENV}: the NAME of another environment variable that holds that
 *       login's password (the test refers to it the way {@code lync.sql.credentials.*.password-env} does);</li>
 *   <li>{@code LYNC_TEST_SQLSERVER_BACKUP_DIR}: a folder the SQL Server service can write, as the server sees
 *       it ({@code C:\Temp}, {@code /var/opt/mssql/data}); the test leaves its one backup file there.</li>
 * </ul>
 * Optional: {@code LYNC_TEST_SQLSERVER_TRUST_SERVER_CERTIFICATE=true} for a server with a self-signed
 * certificate, {@code LYNC_TEST_SQLSERVER_ENCRYPT=false} for one without TLS.
 *
 * <p>It creates a scratch database whose name contains {@code ]} (so the quoting meets the real parser), fills
 * it, backs it up, verifies the backup, checks the state, restores with and without the refusal, and drops it.
 */
@Tag("sqlserver-live")
class SqlServerLiveIT {

    private static final String URL = "LYNC_TEST_SQLSERVER_URL";
    private static final String USER = "LYNC_TEST_SQLSERVER_USER";
    private static final String PASSWORD_ENV = "LYNC_TEST_SQLSERVER_PASSWORD_ENV";
    private static final String BACKUP_DIR = "LYNC_TEST_SQLSERVER_BACKUP_DIR";

    private SqlStoreRef instance;
    private MssqlConnectionFactory connections;
    private JdbcSqlServerClient client;
    private String database;
    private String backupFile;

    @BeforeEach
    void connectToTheConfiguredServer() {
        Map<String, String> env = System.getenv();
        List<String> missing = Stream.of(URL, USER, PASSWORD_ENV, BACKUP_DIR)
                .filter(name -> env.get(name) == null || env.get(name).isBlank()).toList();
        // Not configured at all: skipped, with the reason in the report. Half configured: a mistake, so it fails.
        assumeTrue(missing.size() < 4, "no SQL Server to run against: set " + String.join(", ", missing)
                + " (see the Javadoc of SqlServerLiveIT)");
        if (!missing.isEmpty()) {
            fail("the live SQL Server test is half configured; also set " + String.join(", ", missing)
                    + " (see the Javadoc of SqlServerLiveIT)");
        }
        String target = env.get(URL).trim();
        int slash = target.indexOf('\\');
        instance = slash < 0 ? new SqlStoreRef(target, null)
                : new SqlStoreRef(target.substring(0, slash), target.substring(slash + 1));
        SqlCredential login = new SqlCredential(target, false, env.get(USER), env.get(PASSWORD_ENV), null, null);
        SqlProperties properties = new SqlProperties(
                !"false".equalsIgnoreCase(env.get("LYNC_TEST_SQLSERVER_ENCRYPT")),
                "true".equalsIgnoreCase(env.get("LYNC_TEST_SQLSERVER_TRUST_SERVER_CERTIFICATE")),
                null, null, null, new SqlProperties.Credentials(null, List.of(login)));
        connections = new MssqlConnectionFactory(properties);
        client = new JdbcSqlServerClient(connections, properties);
        database = "lync_it_]" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String dir = env.get(BACKUP_DIR);
        String separator = dir.contains("\\") ? "\\" : "/";
        backupFile = (dir.endsWith(separator) ? dir : dir + separator) + "lync-runbooks-live-it.bak";
    }

    @AfterEach
    void dropTheScratchDatabase() throws SQLException {
        if (connections != null) {
            dropIfPresent();
        }
    }

    @Test
    void backsUpVerifiesChecksAndRestoresAScratchDatabase() throws SQLException {
        assertThat(client.productVersion(instance)).matches("\\d+\\.\\d+\\..*");
        assertThat(client.databaseState(instance, database)).isEqualTo(DatabaseState.ABSENT);

        admin("CREATE DATABASE " + TSql.quoteName(database));
        assertThat(client.databaseState(instance, database)).isEqualTo(DatabaseState.EMPTY);

        admin("EXEC " + TSql.quoteName(database) + ".sys.sp_executesql "
                + TSql.quoteString("CREATE TABLE dbo.calls (id int NOT NULL); INSERT dbo.calls VALUES (1), (2);"));
        assertThat(client.databaseState(instance, database)).isEqualTo(DatabaseState.HOLDS_DATA);

        client.backupDatabase(instance, database, backupFile, false);
        client.verifyBackup(instance, backupFile);
        assertThatThrownBy(() -> client.verifyBackup(instance, backupFile + ".missing"))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("Msg 3201");

        assertThatThrownBy(() -> client.restoreDatabase(instance, database, backupFile, false))
                .isInstanceOf(SqlTargetNotCleanException.class)
                .hasMessageContaining("(2 rows in user tables)");

        // A clean target, as Topology Builder would leave it: the REPLACE path with SINGLE_USER around it.
        dropIfPresent();
        admin("CREATE DATABASE " + TSql.quoteName(database));
        client.restoreDatabase(instance, database, backupFile, false);
        assertThat(client.databaseState(instance, database)).isEqualTo(DatabaseState.HOLDS_DATA);
        assertThat(userAccess()).isEqualTo("MULTI_USER");

        // An approved override replaces a database that holds data.
        client.restoreDatabase(instance, database, backupFile, true);
        assertThat(userAccess()).isEqualTo("MULTI_USER");

        // An absent target: RESTORE creates it, without REPLACE.
        dropIfPresent();
        client.restoreDatabase(instance, database, backupFile, false);
        assertThat(client.databaseState(instance, database)).isEqualTo(DatabaseState.HOLDS_DATA);

        assertThatThrownBy(() -> client.ensureComponentUniversalServices(instance, database))
                .hasMessageContaining("set lync.sql.ad-domain");
        assertThatThrownBy(() -> client.backupDatabase(instance, database + "x]; DROP DATABASE y--", backupFile, false))
                .hasMessageContaining("does not exist on instance");
    }

    /**
     * The restore drill's T-SQL on the real server: the backup restored beside its database under the scratch name
     * with every file moved, CHECKDB clean, the rows counted, the copy found as a leftover and dropped; the original
     * database untouched.
     */
    @Test
    void restoresAScratchCopyBesideTheDatabaseChecksItCountsItsRowsAndDropsIt() throws SQLException {
        admin("CREATE DATABASE " + TSql.quoteName(database));
        admin("EXEC " + TSql.quoteName(database) + ".sys.sp_executesql "
                + TSql.quoteString("CREATE TABLE dbo.calls (id int NOT NULL PRIMARY KEY); INSERT dbo.calls VALUES (1), (2), (3);"));
        client.backupDatabase(instance, database, backupFile, true);
        String scratch = ScratchDatabases.nameFor(database);
        try {
            List<SqlServerClient.BackupFile> files = client.backupFiles(instance, backupFile);
            assertThat(files).extracting(SqlServerClient.BackupFile::type).contains("D", "L");

            client.restoreScratchCopy(instance, scratch, backupFile,
                    ScratchDatabases.moves(files, client.defaultPaths(instance), scratch));

            assertThat(client.checkDatabase(instance, scratch)).isEmpty();
            assertThat(client.rowCounts(instance, scratch)).containsEntry("dbo.calls", 3L);
            assertThat(client.scratchDatabases(instance)).contains(scratch);
            assertThat(client.databaseState(instance, database)).isEqualTo(DatabaseState.HOLDS_DATA);
        } finally {
            client.dropScratchDatabase(instance, scratch);
        }
        assertThat(client.scratchDatabases(instance)).doesNotContain(scratch);
        assertThat(client.rowCounts(instance, database)).containsEntry("dbo.calls", 3L);
    }

    private String userAccess() throws SQLException {
        try (Connection connection = connections.open(instance);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT user_access_desc FROM sys.databases WHERE name = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).as("database %s exists", database).isTrue();
                return result.getString(1);
            }
        }
    }

    private void dropIfPresent() throws SQLException {
        String quoted = TSql.quoteName(database);
        admin("IF DB_ID(" + TSql.quoteString(database) + ") IS NOT NULL BEGIN ALTER DATABASE " + quoted
                + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE " + quoted + "; END");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = connections.open(instance); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
