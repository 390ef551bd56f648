package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.lyncrunbooks.sqlserver.SqlServerClient.DatabaseState;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The lab's SQL Server instances: a folder per instance with {@code instance.json}, and one embedded H2 file
 * database per Lync database. An instance whose {@code instance.json} is missing answers like a SQL Server
 * that cannot be reached; a database is looked up in the instance's catalog case-insensitively, as SQL Server's
 * default collation does, and an unknown name is never turned into a path.
 */
final class LabDatabases {

    static final String SQL_2012_SP4 = "11.0.7001.0";
    private static final String MV_DB = ".mv.db";
    // compaction on close takes up to 200 ms by default; the lab opens and closes databases for every cmdlet
    private static final String SETTINGS = ";MAX_COMPACT_TIME=0;LOCK_TIMEOUT=10000";
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final long OPEN_WAIT_NANOS = 10_000_000_000L;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final FarmLayout layout;
    private final StateFiles state;

    LabDatabases(FarmLayout layout, StateFiles state) {
        this.layout = layout;
        this.state = state;
    }

    boolean installed(SqlStoreRef ref) {
        Path dir = layout.instanceDir(ref);
        return dir != null && Files.isRegularFile(dir.resolve("instance.json"));
    }

    /** Throws SQL Server's connection error when the instance does not exist or is not installed. */
    Path requireInstance(SqlStoreRef ref) {
        if (!installed(ref) || offline(ref.fqdn())) {
            throw new SqlServerException(unreachable(ref));
        }
        return layout.instanceDir(ref);
    }

    /** Whether the host is down (its pool or site failed, {@link PairedPools}): its instances do not answer. */
    boolean offline(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return state.readIfExists(layout.offlineHosts(), String[].class)
                .map(hosts -> java.util.Arrays.asList(hosts).contains(name)).orElse(false)
                || state.readIfExists(layout.lostSqlHosts(), String[].class)
                .map(hosts -> java.util.Arrays.asList(hosts).contains(name)).orElse(false);
    }

    static String unreachable(SqlStoreRef ref) {
        return "A network-related or instance-specific error occurred while establishing a connection to SQL Server. "
                + "The server was not found or was not accessible. Verify that the instance name is correct and that "
                + "SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 26 - "
                + "Error Locating Server/Instance Specified) [" + (ref == null ? "?" : ref.display()) + "]";
    }

    static String doesNotExist(String database) {
        return "Database '" + database + "' does not exist. Make sure that the name is entered correctly.";
    }

    /** SQL Server installed with setup's default data and log folders ({@code C:\Program Files\Microsoft SQL Server\…}). */
    void installInstance(SqlStoreRef ref, String productVersion) {
        String defaults = setupDefaultFolder(ref, productVersion);
        installInstance(ref, productVersion, defaults, defaults);
    }

    /** SQL Server installed with the given default data and log folders (Windows paths on the instance's machine). */
    void installInstance(SqlStoreRef ref, String productVersion, String dataFolder, String logFolder) {
        Path dir = layout.instanceDir(ref);
        if (dir == null) {
            throw new IllegalArgumentException("'" + ref + "' is not a SQL Server instance name (fqdn\\instance)");
        }
        state.write(dir.resolve("instance.json"), Map.of(
                "instance", ref.fqdn().toLowerCase(Locale.ROOT) + "\\" + ref.instance().toLowerCase(Locale.ROOT),
                "productVersion", productVersion,
                "defaultDataPath", dataFolder,
                "defaultLogPath", logFolder));
    }

    /** Where SQL Server setup puts an instance's data and logs by default: {@code …\MSSQL11.RTC\MSSQL\DATA}. */
    static String setupDefaultFolder(SqlStoreRef ref, String productVersion) {
        String[] parts = productVersion.split("\\.");
        String id = parts[0] + ("10".equals(parts[0]) && parts.length > 1 && "50".equals(parts[1]) ? "_50" : "");
        return "C:\\Program Files\\Microsoft SQL Server\\MSSQL" + id + "." + ref.instance().toUpperCase(Locale.ROOT)
                + "\\MSSQL\\DATA";
    }

    /** The instance's default data folder (SERVERPROPERTY('InstanceDefaultDataPath')). */
    String defaultDataPath(SqlStoreRef ref) {
        return instanceProperty(ref, "defaultDataPath");
    }

    /** The instance's default log folder (SERVERPROPERTY('InstanceDefaultLogPath')). */
    String defaultLogPath(SqlStoreRef ref) {
        return instanceProperty(ref, "defaultLogPath");
    }

    private String instanceProperty(SqlStoreRef ref, String name) {
        Object value = state.read(requireInstance(ref).resolve("instance.json"), Map.class).get(name);
        return value == null ? null : value.toString();
    }

    /** One file of a database, as {@code sys.master_files} and {@code RESTORE FILELISTONLY} list it. */
    record DatabaseFile(String logicalName, String physicalName, String type) {
    }

    /** The files of a database: where they were created, or restored to. */
    List<DatabaseFile> files(SqlStoreRef ref, String database) {
        Map<String, List<DatabaseFile>> all = state.readIfExists(requireInstance(ref).resolve("files.json"), FILES)
                .orElse(Map.of());
        List<DatabaseFile> files = all.get(database.toLowerCase(Locale.ROOT));
        if (files != null) {
            return files;
        }
        return List.of(new DatabaseFile(database, defaultDataPath(ref) + "\\" + database + ".mdf", "D"),
                new DatabaseFile(database + "_log", defaultLogPath(ref) + "\\" + database + "_log.ldf", "L"));
    }

    /** Records where a database's files are now (after a restore). */
    void recordFiles(SqlStoreRef ref, String database, List<DatabaseFile> files) {
        Path file = requireInstance(ref).resolve("files.json");
        synchronized (state.lock()) {
            Map<String, List<DatabaseFile>> all = new java.util.TreeMap<>(state.readIfExists(file, FILES).orElse(Map.of()));
            all.put(database.toLowerCase(Locale.ROOT), List.copyOf(files));
            state.write(file, all);
        }
    }

    /** The folders that exist on the instance's machine for its files: its default data and log folders. */
    boolean folderExists(SqlStoreRef ref, String folder) {
        String wanted = stripSeparator(folder);
        return wanted.equalsIgnoreCase(stripSeparator(defaultDataPath(ref)))
                || wanted.equalsIgnoreCase(stripSeparator(defaultLogPath(ref)));
    }

    private static String stripSeparator(String folder) {
        return folder == null ? "" : folder.endsWith("\\") ? folder.substring(0, folder.length() - 1) : folder;
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, List<DatabaseFile>>> FILES =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    String productVersion(SqlStoreRef ref) {
        Path dir = requireInstance(ref);
        Object version = state.read(dir.resolve("instance.json"), Map.class).get("productVersion");
        if (version == null) {
            throw new SqlServerException("SERVERPROPERTY('ProductVersion') returned nothing on " + ref.display());
        }
        return version.toString();
    }

    /** The databases of the instance, by the names they were created with. */
    List<String> catalog(SqlStoreRef ref) {
        Path dir = requireInstance(ref);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + MV_DB)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                names.add(name.substring(0, name.length() - MV_DB.length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** The catalog name matching {@code database} case-insensitively, if the instance holds it. */
    Optional<String> catalogName(SqlStoreRef ref, String database) {
        if (database == null) {
            return Optional.empty();
        }
        return catalog(ref).stream().filter(n -> n.equalsIgnoreCase(database)).findFirst();
    }

    boolean exists(SqlStoreRef ref, String database) {
        return installed(ref) && catalogName(ref, database).isPresent();
    }

    /** Opens an existing database; SQL Server's errors when the instance or the database is missing. */
    Connection open(SqlStoreRef ref, String database) {
        Path dir = requireInstance(ref);
        String name = catalogName(ref, database).orElseThrow(() -> new SqlServerException(doesNotExist(database)));
        try {
            return connect("jdbc:h2:file:" + dir.resolve(name) + ";IFEXISTS=TRUE" + SETTINGS);
        } catch (SQLException e) {
            throw new SqlServerException("Cannot open database \"" + database + "\" requested by the login. "
                    + "The login failed. (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Creates {@code database} empty on the instance. An existing database is kept unless {@code clean}, which
     * drops its objects and reinstalls it. Returns what happened, for the cmdlet's output.
     */
    String install(SqlStoreRef ref, LyncDatabase database, boolean clean) {
        Path dir = requireInstance(ref);
        Optional<String> existing = catalogName(ref, database.databaseName());
        if (existing.isPresent() && !clean) {
            return "kept existing database " + existing.get();
        }
        String name = existing.orElse(database.databaseName());
        try (Connection c = connect("jdbc:h2:file:" + dir.resolve(name) + SETTINGS);
             Statement s = c.createStatement()) {
            if (existing.isPresent()) {
                s.execute("DROP ALL OBJECTS");
            }
            for (String ddl : Schemas.ddl(database)) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw new SqlServerException("CREATE DATABASE [" + name + "] failed: " + e.getMessage(), e);
        }
        return (existing.isPresent() ? "dropped and reinstalled database " : "installed database ") + name;
    }

    /**
     * What {@code Install-CsDatabase -CentralManagementDatabase} does: installs xds and lis (an existing database is
     * kept unless {@code clean}), and writes setup's own rows into every database it (re)created.
     */
    List<String> installCentralManagementStore(SqlStoreRef ref, boolean clean) {
        List<String> done = new ArrayList<>();
        for (LyncDatabase db : Schemas.DatabaseType.CENTRAL_MGMT.databases()) {
            String result = install(ref, db, clean);
            done.add(ref.display() + ": " + result);
            if (!result.startsWith("kept")) {
                try (Connection c = open(ref, db.databaseName()); Statement s = c.createStatement()) {
                    for (String row : Schemas.setupRows(db)) {
                        s.execute(row);
                    }
                } catch (SQLException e) {
                    throw new SqlServerException("seeding [" + db.databaseName() + "] failed: " + e.getMessage(), e);
                }
            }
        }
        return done;
    }

    /** Creates an empty database named {@code name} (no Lync schema) for a restore, returning its connection. */
    Connection createBlank(SqlStoreRef ref, String name) {
        Path dir = requireInstance(ref);
        try {
            return connect("jdbc:h2:file:" + dir.resolve(name) + SETTINGS);
        } catch (SQLException e) {
            throw new SqlServerException("CREATE DATABASE [" + name + "] failed: " + e.getMessage(), e);
        }
    }

    /**
     * Opens an H2 file database. Another JVM using the same lab farm (a second application node) holds a database
     * only while one of its operations runs, so an open that finds it in use waits for it a while.
     */
    private static Connection connect(String url) throws SQLException {
        long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
        while (true) {
            try {
                return DriverManager.getConnection(url, "sa", "");
            } catch (SQLException e) {
                if (e.getErrorCode() != DATABASE_ALREADY_OPEN || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    DatabaseState state(SqlStoreRef ref, String database) {
        requireInstance(ref);
        if (catalogName(ref, database).isEmpty()) {
            return DatabaseState.ABSENT;
        }
        try (Connection c = open(ref, database)) {
            for (String table : tableNames(c)) {
                if (table.equalsIgnoreCase(Schemas.PRINCIPALS)) {
                    continue;
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return DatabaseState.HOLDS_DATA;
                    }
                }
            }
            return DatabaseState.EMPTY;
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    /**
     * Copies a database's file from one instance to another (replacing it there): what SQL Server mirroring keeps
     * identical on both sides, and what {@code Install-CsMirrorDatabase} seeds the mirror with through its file share.
     */
    void copyDatabase(SqlStoreRef from, SqlStoreRef to, String database) {
        Path source = layout.instanceDir(from);
        Path target = requireInstance(to);
        String name = Schemas.database(database).map(LyncDatabase::databaseName).orElse(database);
        try {
            Files.copy(source.resolve(name + MV_DB), target.resolve(name + MV_DB),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SqlServerException("copying database [" + name + "] from " + from.display() + " to "
                    + to.display() + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes a database's files ({@code DROP DATABASE}); nothing when it does not exist. */
    void drop(SqlStoreRef ref, String name) {
        Path dir = requireInstance(ref);
        if (!NAME.matcher(name).matches()) {
            throw new SqlServerException(doesNotExist(name));
        }
        try {
            Files.deleteIfExists(dir.resolve(name + MV_DB));
            Files.deleteIfExists(dir.resolve(name + ".trace.db"));
        } catch (IOException e) {
            throw new SqlServerException("DROP DATABASE [" + name + "] failed: " + e.getMessage(), e);
        }
    }

    /**
     * Rows of every user table as {@code dbo.<table>}, as {@code sys.partitions} counts them. The lab's
     * {@code principals} table stands for the database's users, which SQL Server keeps out of the user tables.
     */
    Map<String, Long> rowCounts(SqlStoreRef ref, String database) {
        try (Connection c = open(ref, database)) {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tableNames(c)) {
                if (table.equalsIgnoreCase(Schemas.PRINCIPALS)) {
                    continue;
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put("dbo." + table.toLowerCase(Locale.ROOT), rs.getLong(1));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    /** Every table of the database with its rows, tables by name, rows by their values, for comparisons. */
    Map<String, List<Map<String, Object>>> tables(SqlStoreRef ref, String database) {
        try (Connection c = open(ref, database)) {
            Map<String, List<Map<String, Object>>> tables = new TreeMap<>();
            for (String table : tableNames(c)) {
                List<Map<String, Object>> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnName(i).toLowerCase(Locale.ROOT), value(rs, i, md.getColumnType(i)));
                        }
                        rows.add(row);
                    }
                }
                rows.sort(LabDatabases::compareRows);
                tables.put(table.toLowerCase(Locale.ROOT), rows);
            }
            return tables;
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    /** The user tables of a connection's database, as H2 names them (upper case). */
    static List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, "PUBLIC", "%", new String[] {"BASE TABLE", "TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        names.sort(null);
        return names;
    }

    /** A column value as the lab compares and exports it: text for character data, LocalDateTime for timestamps. */
    static Object value(ResultSet rs, int column, int jdbcType) throws SQLException {
        return switch (jdbcType) {
            case Types.CLOB, Types.NCLOB, Types.VARCHAR, Types.NVARCHAR, Types.CHAR, Types.LONGVARCHAR -> rs.getString(column);
            case Types.TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
            case Types.BINARY, Types.VARBINARY, Types.BLOB, Types.LONGVARBINARY -> {
                byte[] bytes = rs.getBytes(column);
                yield bytes == null ? null : HexFormat.of().formatHex(bytes);
            }
            default -> rs.getObject(column);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareRows(Map<String, Object> a, Map<String, Object> b) {
        var ia = a.values().iterator();
        var ib = b.values().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Object x = ia.next();
            Object y = ib.next();
            if (x == null || y == null) {
                if (x != y) {
                    return x == null ? -1 : 1;
                }
                continue;
            }
            int c = x instanceof Comparable cx && x.getClass() == y.getClass() ? cx.compareTo(y)
                    : x.toString().compareTo(y.toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The primary key columns of a table, in key order; the first column when it has none. */
    static List<String> primaryKey(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getPrimaryKeys(null, "PUBLIC", table.toUpperCase(Locale.ROOT))) {
            Map<Integer, String> bySeq = new TreeMap<>();
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
            columns.addAll(bySeq.values());
        }
        if (columns.isEmpty()) {
            columns.add("1");
        }
        return columns;
    }
}
