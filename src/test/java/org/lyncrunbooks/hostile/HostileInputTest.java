package org.lyncrunbooks.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.row;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.rows;
import static org.lyncrunbooks.sqlserver.RecordingJdbc.update;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.filestore.CopyListener;
import org.lyncrunbooks.filestore.ExpectedFile;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.filestore.FileStoreException;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.lyncrunbooks.postgres.PgDump;
import org.lyncrunbooks.postgres.PostgresConnection;
import org.lyncrunbooks.postgres.PostgresException;
import org.lyncrunbooks.sqlserver.JdbcSqlServerClient;
import org.lyncrunbooks.sqlserver.RecordingJdbc;
import org.lyncrunbooks.sqlserver.SqlProperties;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.testsupport.Prerequisites;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * Reliability scenario 7, every hostile value of it walked through the code that would really receive it: the
 * SQL Server client (statements recorded by a scripted JDBC connection), pg_dump, the Management Shell (the lab
 * shell runs the same script text a real PowerShell would get and keeps a transcript) and the file store copy and
 * restore. Each value is quoted so it stays one value, or refused with a clear error; no extra statement or
 * command runs; no file outside the roots is touched (a sentinel folder is compared before and after).
 */
class HostileInputTest {

    static final SqlStoreRef SQL01 = new SqlStoreRef("sql01.contoso.local", "rtc");
    static final String BAK = "\\\\backupsrv\\lync\\20261126T020000Z.partial\\sql\\sql01.contoso.local_rtc\\x.bak";
    static final String POOL = "pool01.lab.contoso.local";

    /** Scenario 7's database names, and whether they are refused (else bracket-quoted). */
    static final Map<String, Boolean> DATABASE_NAMES = Map.of(
            "a]b", false,
            "x]; DROP DATABASE y--", false,
            "n".repeat(129), true,
            "LcsLog\r\nDROP DATABASE y", true,
            "LcsLog\nGO", true,
            "-LcsLog", false,
            "host=evil dbname=x", false);

    /** Cmdlet argument values: quotes, statement separators, subexpressions, backticks and line breaks. */
    static final List<String> CMDLET_VALUES = List.of("a'b", "a''; Stop-Computer; '", "x; Remove-Item -Recurse -Force .",
            "$(Stop-Computer)", "${env:PATH}", "`whoami`", "x`'; Stop-Computer", "\u2018; Restart-Computer; \u2019",
            "-Force", "x\nStop-Computer", "x\r\nStop-Computer", "x\u2028Stop-Computer");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static LabFarm farm;

    @TempDir
    Path temp;
    Path sentinel;
    Map<String, String> sentinelBefore;

    @BeforeAll
    static void labFarm() {
        farm = new LabFarm(new LabProperties(shared.resolve("farm"), 7, 12, 24, Duration.ZERO));
        farm.topology();
    }

    @BeforeEach
    void sentinel() throws Exception {
        sentinel = Files.createDirectories(temp.resolve("sentinel"));
        Files.writeString(sentinel.resolve("outside.txt"), "must never change");
        Files.writeString(Files.createDirectories(sentinel.resolve("folder")).resolve("deep.txt"), "nor this");
        sentinelBefore = snapshot(sentinel);
    }

    // ------------------------------------------------------------------------------------ SQL Server names

    @Test
    void databaseNamesAreBracketQuotedIntoExactlyTheExpectedStatementsOrRefused() {
        for (Map.Entry<String, Boolean> entry : DATABASE_NAMES.entrySet()) {
            String name = entry.getKey();
            String quoted = "[" + name.replace("]", "]]") + "]";
            RecordingJdbc db = new RecordingJdbc();
            db.on("FROM sys.databases", rows(row(name))).on("BACKUP DATABASE", update(-1))
                    .on("AND t.name = ?", rows(row(1, 0L))).on("SELECT COALESCE(SUM(p.rows), 0)", rows(row(0L))).on("SET SINGLE_USER", update(-1))
                    .on("RESTORE DATABASE", update(-1)).on("SET MULTI_USER", update(-1));
            JdbcSqlServerClient client = new JdbcSqlServerClient(db.factory(), SqlProperties.defaults());

            if (entry.getValue()) {
                assertThatThrownBy(() -> client.backupDatabase(SQL01, name, BAK, false)).as(printable(name))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n");
                assertThatThrownBy(() -> client.restoreDatabase(SQL01, name, BAK, false)).as(printable(name))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(db.events()).as("refused before connecting: " + printable(name)).isEmpty();
                continue;
            }
            client.backupDatabase(SQL01, name, BAK, false);
            client.restoreDatabase(SQL01, name, BAK, false);

            assertThat(db.executedSql()).filteredOn(sql -> !sql.startsWith("SELECT")).as(name).containsExactly(
                    "BACKUP DATABASE " + quoted + " TO DISK = N'" + BAK + "' WITH CHECKSUM, INIT",
                    "ALTER DATABASE " + quoted + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE",
                    "RESTORE DATABASE " + quoted + " FROM DISK = N'" + BAK + "' WITH CHECKSUM, REPLACE",
                    "ALTER DATABASE " + quoted + " SET MULTI_USER");
            for (RecordingJdbc.Executed statement : db.executed()) {
                String outsideQuotes = statement.sql().replace(quoted, "");
                assertThat(outsideQuotes).as(statement.sql()).doesNotContain(name).doesNotContain("DROP").doesNotContain("--");
            }
        }
    }

    @Test
    void aDatabaseNameThatLooksLikeAConnectionStringReachesPgDumpAsOneName() throws Exception {
        Prerequisites.require(Prerequisites.onPath("pg_dump"), "pg_dump (Debian package postgresql-client-15) is not installed");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresConnection db = new PostgresConnection("127.0.0.1", closedPort, "host=evil dbname=x", "lync", null);

        assertThatThrownBy(() -> new PgDump("pg_dump", Duration.ofMinutes(1)).dump(db, temp.resolve("engine.dump")))
                .isInstanceOf(PostgresException.class)
                // libpq tried the configured host and port; had the name been read as a connection string it
                // would have tried to resolve the host "evil"
                .hasMessageContaining("127.0.0.1").hasMessageContaining(Integer.toString(closedPort))
                .hasMessageNotContaining("\"evil\"");
        assertThat(snapshot(sentinel)).isEqualTo(sentinelBefore);
    }

    @Test
    void aSqlServerHostOrInstanceWithConnectionStringSyntaxIsRefusedBeforeConnecting() {
        RecordingJdbc db = new RecordingJdbc();
        JdbcSqlServerClient client = new JdbcSqlServerClient(db.factory(), SqlProperties.defaults());
        // the mssql-jdbc URL is built by MssqlConnectionFactory; its refusals are in MssqlConnectionFactoryTest.
        // Here the instance name reaches the client; the recording factory would log an "open" if it connected.
        assertThatThrownBy(() -> client.backupDatabase(SQL01, "LcsLog", "C:\\b\\x.bak\r\nGO", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(db.events()).isEmpty();
    }

    // ------------------------------------------------------------------------------------ Management Shell

    @Test
    void cmdletValuesStayOneValueOfOneCmdletOrAreRefused() throws Exception {
        LyncShell shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        Path out = Files.createDirectories(temp.resolve("out"));
        int ran = transcript().size();
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < CMDLET_VALUES.size(); i++) {
            String value = CMDLET_VALUES.get(i);
            boolean lineBreak = value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\u2028');
            String fileName = out.resolve("users-" + i + "-" + value + ".zip").toString();
            if (lineBreak) {
                assertThatThrownBy(() -> shell.run(Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL)
                        .with("FileName", fileName))).as(printable(value)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageNotContaining("\n");
                assertThat(transcript()).as("nothing ran for " + printable(value)).hasSize(ran);
                continue;
            }
            Cmdlet cmdlet = Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", fileName);
            ShellOutput output = shell.run(cmdlet);

            assertThat(output.succeeded()).as(value + ": " + output.stderr()).isTrue();
            List<JsonNode> transcript = transcript();
            assertThat(transcript).as("exactly one more command for " + value).hasSize(ran + 1);
            assertThat(transcript.get(ran).get("cmdlet").asText()).isEqualTo(cmdlet.render());
            ran++;
            assertThat(Path.of(fileName)).as("the value arrived whole: " + value).isRegularFile();
            written.add(Path.of(fileName));
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.toList()).as("no other file was written").containsExactlyInAnyOrderElementsOf(written);
        }
        // a value is never a switch or a second parameter, whatever it looks like
        assertThatThrownBy(() -> shell.run(Cmdlet.of("Export-CsUserData").with("PoolFqdn", "-Force")
                .with("FileName", out.resolve("dash.zip").toString())))
                .hasMessageContaining("Pool '-Force' is not a Front End pool");
        assertThat(transcript()).hasSize(ran + 1);
        assertThat(snapshot(sentinel)).isEqualTo(sentinelBefore);
    }

    // ------------------------------------------------------------------------------------ file stores

    @Test
    void restoreRefusesPathsThatLeaveTheTargetAndTouchesNothingOutside() throws Exception {
        Path set = Files.createDirectories(temp.resolve("set"));
        Files.writeString(set.resolve("ok.txt"), "ok");
        Path target = temp.resolve("target");
        String outsideRelative = "../sentinel/outside.txt";
        List<String> hostile = List.of(outsideRelative, "a/../../sentinel/outside.txt", "..",
                sentinel.resolve("outside.txt").toString(), "/etc/passwd", "C:\\Windows\\win.ini", "\\\\evil\\share\\x",
                "a\\..\\..\\sentinel\\outside.txt", "line\nbreak.txt");
        for (String path : hostile) {
            ExpectedFile entry = new ExpectedFile(path, 2, sha256("ok"));
            assertThatThrownBy(() -> new FileStoreRestorer(2).restoreTree(set, target, List.of(entry).iterator(), false))
                    .as(printable(path)).isInstanceOf(FileStoreException.class).hasMessageNotContaining("\n");
        }
        // a link in the set that points outside it
        Files.createSymbolicLink(set.resolve("link.txt"), sentinel.resolve("outside.txt"));
        ExpectedFile link = new ExpectedFile("link.txt", Files.size(sentinel.resolve("outside.txt")),
                sha256("must never change"));
        assertThatThrownBy(() -> new FileStoreRestorer(2).restoreTree(set, target, List.of(link).iterator(), false))
                .isInstanceOf(FileStoreException.class).hasMessageContaining("symbolic link");
        // a linked folder in the target, with the override that allows a non-empty target
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("folder"), sentinel.resolve("folder"));
        Files.createDirectories(set.resolve("folder"));
        Files.writeString(set.resolve("folder/deep.txt"), "overwritten?");
        ExpectedFile deep = new ExpectedFile("folder/deep.txt", 12, sha256("overwritten?"));
        assertThatThrownBy(() -> new FileStoreRestorer(2).restoreTree(set, target, List.of(deep).iterator(), true))
                .isInstanceOf(FileStoreException.class);

        assertThat(snapshot(sentinel)).isEqualTo(sentinelBefore);
    }

    @Test
    void copyNeverFollowsLinksOutOfTheStore() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        Files.writeString(store.resolve("meeting.txt"), "content");
        Files.createSymbolicLink(store.resolve("file-link"), sentinel.resolve("outside.txt"));
        Files.createSymbolicLink(store.resolve("folder-link"), sentinel.resolve("folder"));
        Files.createSymbolicLink(store.resolve("dotdot-link"), Path.of("../sentinel"));
        Path copy = temp.resolve("copy");
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();

        new FileStoreCopier(2).copyTree(store, copy, new CopyListener() {
            @Override
            public void copied(String relativePath, long size, String sha256Hex) {
                copied.add(relativePath);
            }

            @Override
            public void skipped(String relativePath, String reason) {
                skipped.add(relativePath);
            }
        });

        assertThat(copied).containsExactly("meeting.txt");
        assertThat(skipped).containsExactlyInAnyOrder("file-link", "folder-link", "dotdot-link");
        try (Stream<Path> all = Files.walk(copy)) {
            assertThat(all.filter(p -> Files.isSymbolicLink(p) || p.toString().contains("outside") || p.toString()
                    .contains("deep")).toList()).isEmpty();
        }
        assertThat(snapshot(sentinel)).isEqualTo(sentinelBefore);
    }

    // ------------------------------------------------------------------------------------ helpers

    private static List<JsonNode> transcript() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(farm.transcriptFile())) {
            for (String line : Files.readAllLines(farm.transcriptFile(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            }
        }
        return entries;
    }

    /** Every entry below the folder: path → type, size, mtime and SHA-256 (links are not followed). */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    all.put(key, Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " "
                            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } else {
                    all.put(key, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "other");
                }
            }
        }
        return all;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", "\\u2028");
    }
}
