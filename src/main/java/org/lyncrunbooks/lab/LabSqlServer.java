package org.lyncrunbooks.lab;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

import org.lyncrunbooks.sqlserver.SqlLogins;
import org.lyncrunbooks.sqlserver.SqlProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.lyncrunbooks.sqlserver.ScratchDatabases;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.SqlServerClient.FileLocations;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.sqlserver.SqlTargetNotCleanException;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab farm's SQL Server: full backups, verification, restores and the clean-target check on the lab's SQL
 * instances, with SQL Server's own error wording. A backup is a real file ({@link SqlBackupFile}) holding the
 * statements that recreate the database, so a restore brings back exactly the same rows.
 */
public class LabSqlServer implements SqlServerClient {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private static final Logger log = LoggerFactory.getLogger(LabSqlServer.class);
    private static final Pattern NEW_DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final LabFarm farm;
    private final LabDatabases databases;
    private final LabDatabaseFiles files;
    private final SqlLogins logins;

    /** A lab SQL Server that is reached with Windows authentication only (the default credential). */
    public LabSqlServer(LabFarm farm) {
        this(farm, new SqlLogins(SqlProperties.defaults()));
    }

    /**
     * A lab SQL Server that receives, on every operation, the login the configured credential gives
     * ({@code lync.sql.credentials}, password read from its variable or file just as for mssql-jdbc) and checks it
     * like SQL Server does: Windows authentication is the lab's service account and accepted; a SQL login, NTLM or
     * Kerberos principal must match one created with {@link #createLogin}, or the operation fails with SQL
     * Server's "Login failed for user" (error 18456), which never carries the password.
     */
    public LabSqlServer(LabFarm farm, SqlLogins logins) {
        this.farm = farm;
        this.databases = farm.databases();
        this.files = new LabDatabaseFiles(farm.layout(), farm.state(), databases);
        this.logins = logins;
    }

    /**
     * Creates (or replaces) a login on one lab instance, or on every instance when {@code instance} is null — the
     * DBA's {@code CREATE LOGIN … WITH PASSWORD}. Like SQL Server only a salted hash of the password is kept.
     */
    public synchronized void createLogin(SqlStoreRef instance, String username, String password) {
        Properties stored = storedLogins();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        stored.setProperty(loginKey(instance, username), HEX.formatHex(salt) + ":" + HEX.formatHex(hash(salt, password)));
        Path file = loginsFile();
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "sql-logins", ".tmp");
            try (var out = Files.newOutputStream(temp)) {
                stored.store(out, "lab SQL Server logins: salt:SHA-256(salt+password)");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab SQL logins " + file, e);
        }
    }

    /** The login step of every operation: what SQL Server does before it runs anything for the connection. */
    private void logIn(SqlStoreRef instance) {
        Properties login = logins.loginProperties(instance);
        try {
            if (login.getProperty("password") == null) {
                if ("true".equals(login.getProperty("integratedSecurity"))) {
                    return; // the lab's Windows service account (NativeAuthentication or a Kerberos ticket cache)
                }
                throw loginFailed(login.getProperty("user"), instance);
            }
            String user = login.getProperty("domain") == null ? login.getProperty("user")
                    : login.getProperty("domain") + "\\" + login.getProperty("user");
            Properties stored = storedLogins();
            String entry = stored.getProperty(loginKey(instance, user));
            if (entry == null) {
                entry = stored.getProperty(loginKey(null, user));
            }
            if (entry == null || !matches(entry, login.getProperty("password"))) {
                throw loginFailed(user, instance);
            }
        } finally {
            login.remove("password");
        }
    }

    private static SqlServerException loginFailed(String user, SqlStoreRef instance) {
        return new SqlServerException("Login failed for user '" + user + "' on " + instance.display()
                + ". (Microsoft SQL Server, Error: 18456)");
    }

    private static boolean matches(String entry, String password) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            return false;
        }
        byte[] salt = HEX.parseHex(entry.substring(0, colon));
        return MessageDigest.isEqual(hash(salt, password), HEX.parseHex(entry.substring(colon + 1)));
    }

    private static byte[] hash(byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loginKey(SqlStoreRef instance, String user) {
        return (instance == null ? "*" : instance.display().toLowerCase(Locale.ROOT)) + "|" + user.toLowerCase(Locale.ROOT);
    }

    private Path loginsFile() {
        return farm.directory().resolve("sql-logins.properties");
    }

    private synchronized Properties storedLogins() {
        Properties stored = new Properties();
        Path file = loginsFile();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newInputStream(file)) {
                stored.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the lab SQL logins " + file, e);
            }
        }
        return stored;
    }

    @Override
    public void backupDatabase(SqlStoreRef instance, String database, String backupFile, boolean copyOnly) {
        logIn(instance);
        farm.topology();
        farm.shared(() -> {
            databases.requireInstance(instance);
            String name = databases.catalogName(instance, database).orElseThrow(() -> new SqlServerException(
                    LabDatabases.doesNotExist(database) + " BACKUP DATABASE is terminating abnormally."));
            requireSysadmin(() -> "BACKUP DATABASE permission denied in database '" + name + "'. (Msg 262) BACKUP DATABASE "
                    + "is terminating abnormally. (Msg 3013) [" + name + " on " + instance.display() + "]");
            Path file = backupPath(backupFile, "BACKUP DATABASE");
            Instant started = Instant.now();
            List<String> statements = new ArrayList<>();
            try (Connection c = databases.open(instance, name);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SCRIPT NOPASSWORDS NOSETTINGS")) {
                while (rs.next()) {
                    String statement = rs.getString(1);
                    if (!statement.startsWith("--")) {
                        statements.add(statement);
                    }
                }
                SqlBackupFile.write(file, farm.state().json(), instance.display(), name, databases.productVersion(instance),
                        started, statements, files.filesForBackup(instance, name));
            } catch (SQLException | IOException e) {
                throw new SqlServerException("Write on \"" + file + "\" failed: " + e.getMessage()
                        + " BACKUP DATABASE is terminating abnormally.", e);
            }
            farm.backupHistory().record(instance, new BackupHistory.Entry(name, file.toString(), "lync-runbooks",
                    copyOnly, Instant.now()));
            log.info("Lab SQL Server backed up {}/{} to {}{}", instance.display(), name, file, copyOnly ? " (COPY_ONLY)" : "");
            return null;
        });
    }

    @Override
    public void verifyBackup(SqlStoreRef instance, String backupFile) {
        logIn(instance);
        farm.topology();
        farm.shared(() -> {
            databases.requireInstance(instance);
            requireSysadmin(() -> "CREATE DATABASE permission denied in database 'master'. (Msg 262) VERIFY DATABASE is "
                    + "terminating abnormally. (Msg 3013) [" + backupFile + " on " + instance.display() + "]");
            read(backupPath(backupFile, "RESTORE VERIFYONLY"), "RESTORE VERIFYONLY");
            return null;
        });
    }

    @Override
    public void restoreDatabase(SqlStoreRef instance, String database, String backupFile, boolean overrideNonEmpty,
                                FileLocations locations) {
        logIn(instance);
        farm.topology();
        farm.shared(() -> {
            databases.requireInstance(instance);
            String existing = databases.catalogName(instance, database).orElse(null);
            String name = existing != null ? existing
                    : Schemas.database(database).map(d -> d.databaseName()).orElse(database);
            if (existing == null && (name == null || !NEW_DATABASE_NAME.matcher(name).matches())) {
                throw new SqlServerException("The lab SQL Server does not create a database named '" + database
                        + "': use letters, digits and _ only. RESTORE DATABASE is terminating abnormally.");
            }
            requireSysadmin(() -> (existing != null
                    ? "User does not have permission to RESTORE database '" + existing + "'. (Msg 3110)"
                    : "CREATE DATABASE permission denied in database 'master'. (Msg 262)")
                    + " RESTORE DATABASE is terminating abnormally. (Msg 3013) [" + name + " on " + instance.display() + "]");
            if (existing != null && !overrideNonEmpty
                    && databases.state(instance, existing) == DatabaseState.HOLDS_DATA) {
                throw new SqlTargetNotCleanException("Database '" + existing + "' on " + instance.display()
                        + " holds data; a restore goes only to a new or clean database (D3). Nothing was restored.");
            }
            Path file = backupPath(backupFile, "RESTORE DATABASE");
            SqlBackupFile.Contents backup = read(file, "RESTORE DATABASE");
            if (existing != null && !overrideNonEmpty && !backup.header().database().equalsIgnoreCase(existing)) {
                throw new SqlServerException("The backup set holds a backup of a database other than the existing '"
                        + existing + "' database. RESTORE DATABASE is terminating abnormally.");
            }
            List<LabDatabases.DatabaseFile> placed = placeFiles(instance, name, backup.header(), locations);
            try (Connection c = existing != null ? databases.open(instance, existing)
                    : databases.createBlank(instance, name);
                 Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
                for (String statement : backup.statements()) {
                    s.execute(statement);
                }
            } catch (SQLException e) {
                throw new SqlServerException("RESTORE DATABASE [" + name + "] failed: " + e.getMessage()
                        + " RESTORE DATABASE is terminating abnormally.", e);
            }
            databases.recordFiles(instance, name, placed);
            log.info("Lab SQL Server restored {}/{} from {} (backup of {} taken {}) to {}", instance.display(), name, file,
                    backup.header().database(), backup.header().backupFinishDate(), placed);
            return null;
        });
    }

    /**
     * Where each file of the backup goes: under its own file name into the folder {@code WITH MOVE} gives, or to the
     * path recorded in the backup. A folder that does not exist on the instance's machine fails the restore before
     * anything is written, with SQL Server's messages (5133, 3156, 3119, 3013).
     */
    private List<LabDatabases.DatabaseFile> placeFiles(SqlStoreRef instance, String database, SqlBackupFile.Header header,
                                                       FileLocations locations) {
        List<LabDatabases.DatabaseFile> source = header.files() == null || header.files().isEmpty()
                ? databases.files(instance, database) : header.files().stream()
                .map(f -> new LabDatabases.DatabaseFile(f.logicalName(), f.physicalName(), f.type())).toList();
        List<LabDatabases.DatabaseFile> placed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (LabDatabases.DatabaseFile f : source) {
            String target = f.physicalName();
            if (locations != null) {
                String folder = "L".equals(f.type())
                        ? (locations.logFolder() != null ? locations.logFolder() : databases.defaultLogPath(instance))
                        : (locations.dataFolder() != null ? locations.dataFolder() : databases.defaultDataPath(instance));
                target = stripSeparator(folder) + "\\" + fileName(f.physicalName());
            }
            String folder = target.contains("\\") ? target.substring(0, target.lastIndexOf('\\')) : "";
            if (!databases.folderExists(instance, folder)) {
                errors.add("Directory lookup for the file \"" + target + "\" failed with the operating system error 3(The "
                        + "system cannot find the path specified.). (Msg 5133) File '" + f.logicalName() + "' cannot be "
                        + "restored to '" + target + "'. Use WITH MOVE to identify a valid location for the file. (Msg 3156)");
            }
            placed.add(new LabDatabases.DatabaseFile(f.logicalName(), target, f.type()));
        }
        if (!errors.isEmpty()) {
            throw new SqlServerException(String.join(" ", errors) + " Problems were identified while planning for the "
                    + "RESTORE statement. Previous messages provide details. (Msg 3119) RESTORE DATABASE is terminating "
                    + "abnormally. (Msg 3013) [" + database + " on " + instance.display() + "]");
        }
        return placed;
    }

    /**
     * BACKUP, RESTORE and VERIFYONLY need rights a plain login lacks; the runbooks' login has them through the sysadmin
     * role (P5) unless a lab user took it away ({@link ShellAccount.Right#SQL_SYSADMIN}). SQL Server then answers with
     * the permission error of the statement, which names the permission, not the role.
     */
    private void requireSysadmin(Supplier<String> refusal) {
        if (!farm.shellAccount().has(ShellAccount.Right.SQL_SYSADMIN)) {
            throw new SqlServerException(refusal.get());
        }
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('\\');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String stripSeparator(String folder) {
        return folder.endsWith("\\") ? folder.substring(0, folder.length() - 1) : folder;
    }

    @Override
    public DatabaseState databaseState(SqlStoreRef instance, String database) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> databases.state(instance, database));
    }

    @Override
    public java.util.SortedMap<String, Long> tableRows(SqlStoreRef instance, String database) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> {
            java.util.SortedMap<String, Long> rows = new java.util.TreeMap<>();
            if (databases.catalogName(instance, database).isEmpty()) {
                databases.requireInstance(instance);
                return rows;
            }
            databases.tables(instance, database).forEach((table, content) -> rows.put("dbo." + table, (long) content.size()));
            return rows;
        });
    }

    @Override
    public String productVersion(SqlStoreRef instance) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> databases.productVersion(instance));
    }

    @Override
    public boolean ensureComponentUniversalServices(SqlStoreRef instance, String database) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> {
            try (Connection c = databases.open(instance, database)) {
                if (!Schemas.database(database).map(Schemas::hasServerRole).orElse(false)) {
                    throw new SqlServerException("Cannot alter the role '" + Schemas.SERVER_ROLE + "', because it does "
                            + "not exist or you do not have permission. (Microsoft SQL Server, Error: 15151) [database "
                            + database + " on " + instance.display() + "]");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS principals "
                            + "(name VARCHAR(256) PRIMARY KEY, role VARCHAR(64) NOT NULL)");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT role FROM principals WHERE name = ?")) {
                    ps.setString(1, Schemas.COMPONENT_SERVICES);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && Schemas.SERVER_ROLE.equals(rs.getString(1))) {
                            return false;
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "MERGE INTO principals (name, role) KEY (name) VALUES (?, ?)")) {
                    ps.setString(1, Schemas.COMPONENT_SERVICES);
                    ps.setString(2, Schemas.SERVER_ROLE);
                    ps.executeUpdate();
                }
                log.info("Lab SQL Server added {} with role {} to {}/{}", Schemas.COMPONENT_SERVICES, Schemas.SERVER_ROLE,
                        instance.display(), database);
                return true;
            } catch (SQLException e) {
                throw new SqlServerException(e.getMessage(), e);
            }
        });
    }

    // ------------------------------------------------------------------ restore drills

    @Override
    public List<BackupFile> backupFiles(SqlStoreRef instance, String backupFile) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> {
            databases.requireInstance(instance);
            SqlBackupFile.Header header = read(backupPath(backupFile, "RESTORE FILELISTONLY"), "RESTORE FILELISTONLY")
                    .header();
            return filesOf(header);
        });
    }

    @Override
    public DefaultPaths defaultPaths(SqlStoreRef instance) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> {
            databases.requireInstance(instance);
            return new DefaultPaths(folder(databases.defaultDataPath(instance)), folder(databases.defaultLogPath(instance)));
        });
    }

    /**
     * Restores a backup under a scratch name as SQL Server does: every file of the backup goes where its {@code MOVE}
     * says, or to the path the backup recorded; a path another database of the instance uses stops the restore with
     * SQL Server's errors 1834, 3156, 3119 and 3013 before anything is written. That is why a copy of a database
     * restored beside it needs {@code WITH MOVE}.
     */
    @Override
    public void restoreScratchCopy(SqlStoreRef instance, String scratchDatabase, String backupFile, List<FileMove> moves) {
        ScratchDatabases.require(scratchDatabase);
        logIn(instance);
        farm.topology();
        farm.shared(() -> {
            databases.requireInstance(instance);
            Optional<String> existing = databases.catalogName(instance, scratchDatabase);
            if (existing.isPresent()) {
                throw new SqlServerException("Msg 3154: The backup set holds a backup of a database other than the "
                        + "existing '" + existing.get() + "' database. Msg 3013: RESTORE DATABASE is terminating abnormally.");
            }
            if (!NEW_DATABASE_NAME.matcher(scratchDatabase).matches()) {
                throw new SqlServerException("The lab SQL Server does not create a database named '" + scratchDatabase
                        + "': use letters, digits and _ only. RESTORE DATABASE is terminating abnormally.");
            }
            Path file = backupPath(backupFile, "RESTORE DATABASE");
            SqlBackupFile.Contents backup = read(file, "RESTORE DATABASE");
            List<BackupFile> placed = place(instance, backup.header(), moves);
            try (Connection c = databases.createBlank(instance, scratchDatabase);
                 Statement s = c.createStatement()) {
                for (String statement : backup.statements()) {
                    s.execute(statement);
                }
            } catch (SQLException e) {
                databases.drop(instance, scratchDatabase);
                throw new SqlServerException("RESTORE DATABASE [" + scratchDatabase + "] failed: " + e.getMessage()
                        + " RESTORE DATABASE is terminating abnormally.", e);
            }
            files.record(instance, scratchDatabase, new LabDatabaseFiles.Placement(backup.header().database(), placed));
            log.info("Lab SQL Server restored {}/{} from {} (a copy of {}, files moved to {})", instance.display(),
                    scratchDatabase, file, backup.header().database(), placed.stream().map(BackupFile::physicalName).toList());
            return null;
        });
    }

    /** Where each file of the backup goes, or SQL Server's errors when a MOVE is wrong or a file is in use. */
    private List<BackupFile> place(SqlStoreRef instance, SqlBackupFile.Header header, List<FileMove> moves) {
        List<BackupFile> backupFiles = filesOf(header);
        Map<String, String> targets = new LinkedHashMap<>();
        for (FileMove move : moves) {
            if (backupFiles.stream().noneMatch(f -> f.logicalName().equalsIgnoreCase(move.logicalName()))) {
                throw new SqlServerException("Msg 3234: Logical file '" + move.logicalName() + "' is not part of database '"
                        + header.database() + "'. Use RESTORE FILELISTONLY to list the logical file names. Msg 3013: "
                        + "RESTORE DATABASE is terminating abnormally.");
            }
            targets.put(move.logicalName().toLowerCase(Locale.ROOT), move.physicalName());
        }
        List<String> catalog = databases.catalog(instance);
        List<String> problems = new ArrayList<>();
        List<BackupFile> placed = new ArrayList<>();
        for (BackupFile file : backupFiles) {
            String target = targets.getOrDefault(file.logicalName().toLowerCase(Locale.ROOT), file.physicalName());
            Optional<String> user = files.user(instance, catalog, target);
            if (user.isPresent()) {
                problems.add("Msg 1834: The file '" + target + "' cannot be overwritten.  It is being used by database '"
                        + user.get() + "'.");
                problems.add("Msg 3156: File '" + file.logicalName() + "' cannot be restored to '" + target
                        + "'. Use WITH MOVE to identify a valid location for the file.");
            }
            placed.add(new BackupFile(file.logicalName(), file.type(), target, file.size()));
        }
        if (!problems.isEmpty()) {
            problems.add("Msg 3119: Problems were identified while planning for the RESTORE statement. Previous messages "
                    + "provide details.");
            problems.add("Msg 3013: RESTORE DATABASE is terminating abnormally.");
            throw new SqlServerException(String.join(" ", problems));
        }
        return placed;
    }

    /** A folder as SERVERPROPERTY gives it, with the trailing separator a file name is appended to; null stays null. */
    private static String folder(String path) {
        return path == null || path.endsWith("\\") ? path : path + "\\";
    }

    private static List<BackupFile> filesOf(SqlBackupFile.Header header) {
        if (header.files() != null) {
            return header.files();
        }
        int slash = header.instance().indexOf('\\');
        SqlStoreRef source = slash < 0 ? new SqlStoreRef(header.instance(), "MSSQLSERVER")
                : new SqlStoreRef(header.instance().substring(0, slash), header.instance().substring(slash + 1));
        return LabDatabaseFiles.defaultFiles(source, header.database(), header.payloadLength());
    }

    @Override
    public List<String> checkDatabase(SqlStoreRef instance, String database) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> {
            databases.requireInstance(instance);
            String name = databases.catalogName(instance, database).orElseThrow(() -> new SqlServerException(
                    LabDatabases.doesNotExist(database)));
            String source = files.placement(instance, name).source();
            Optional<org.lyncrunbooks.topology.LyncDatabase> schema = Schemas.database(source);
            if (schema.isEmpty()) {
                return List.of();
            }
            try (Connection c = databases.open(instance, name)) {
                List<String> errors = LabConsistency.check(c, name, schema.get());
                log.info("Lab SQL Server ran DBCC CHECKDB ({}) on {}: {}", name, instance.display(),
                        errors.isEmpty() ? "no errors" : errors.size() + " messages");
                return errors;
            } catch (SQLException e) {
                throw new SqlServerException("DBCC CHECKDB (" + name + ") failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public Map<String, Long> rowCounts(SqlStoreRef instance, String database) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> databases.rowCounts(instance, database));
    }

    @Override
    public List<String> scratchDatabases(SqlStoreRef instance) {
        logIn(instance);
        farm.topology();
        return farm.shared(() -> databases.catalog(instance).stream().filter(ScratchDatabases::isScratch).toList());
    }

    @Override
    public void dropScratchDatabase(SqlStoreRef instance, String scratchDatabase) {
        ScratchDatabases.require(scratchDatabase);
        logIn(instance);
        farm.topology();
        farm.shared(() -> {
            databases.requireInstance(instance);
            Optional<String> name = databases.catalogName(instance, scratchDatabase);
            if (name.isPresent()) {
                ScratchDatabases.require(name.get());
                databases.drop(instance, name.get());
                files.forget(instance, name.get());
                log.info("Lab SQL Server dropped scratch database {}/{}", instance.display(), name.get());
            }
            return null;
        });
    }

    private SqlBackupFile.Contents read(Path file, String statement) {
        if (!Files.isRegularFile(file)) {
            throw new SqlServerException("Cannot open backup device '" + file + "'. Operating system error 2(The system "
                    + "cannot find the file specified.). " + statement + " is terminating abnormally.");
        }
        try {
            return SqlBackupFile.read(file, farm.state().json());
        } catch (SqlBackupFile.InvalidBackupException e) {
            throw new SqlServerException("The backup set on file 1 of device '" + file + "' is not valid: " + e.getMessage()
                    + ". " + statement + " is terminating abnormally.");
        } catch (IOException e) {
            throw new SqlServerException("Read on \"" + file + "\" failed: " + e.getMessage() + " " + statement
                    + " is terminating abnormally.", e);
        }
    }

    /** The backup file as the SQL instance sees it: a local absolute path in the lab (there is no SMB). */
    private static Path backupPath(String backupFile, String statement) {
        if (backupFile == null || backupFile.isBlank()) {
            throw new SqlServerException("A backup device must be named. " + statement + " is terminating abnormally.");
        }
        if (backupFile.startsWith("\\\\") || backupFile.startsWith("//")) {
            throw new SqlServerException("Cannot open backup device '" + backupFile + "'. Operating system error 53(The "
                    + "network path was not found.). The lab's SQL instances see the backup share at its local path: in "
                    + "the lab, lync.backup.root-unc must equal lync.backup.root. " + statement + " is terminating abnormally.");
        }
        Path path;
        try {
            path = Path.of(backupFile);
        } catch (InvalidPathException e) {
            throw new SqlServerException("Cannot open backup device '" + backupFile + "'. Operating system error 123(The "
                    + "filename, directory name, or volume label syntax is incorrect.). " + statement
                    + " is terminating abnormally.");
        }
        if (!path.isAbsolute()) {
            throw new SqlServerException("Cannot open backup device '" + backupFile + "': the lab needs an absolute path. "
                    + statement + " is terminating abnormally.");
        }
        path = path.normalize();
        if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
            throw new SqlServerException("Cannot open backup device '" + path + "'. Operating system error 3(The system "
                    + "cannot find the path specified.). " + statement + " is terminating abnormally.");
        }
        return path;
    }
}
