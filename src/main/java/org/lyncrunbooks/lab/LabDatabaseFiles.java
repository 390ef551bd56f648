package org.lyncrunbooks.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.lyncrunbooks.sqlserver.SqlServerClient.BackupFile;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The physical files of the lab's databases as SQL Server would list them: a data file ({@code <name>.mdf}) and a
 * log file ({@code <name>_log.ldf}) in the instance's default data and log folders. The rows live in one H2 file per
 * database; these names are what {@code RESTORE FILELISTONLY} reports and what two databases may not share, so that
 * restoring a backup under another name without {@code WITH MOVE} fails in the lab as it does on SQL Server.
 *
 * <p>A database restored with {@code MOVE} keeps where its files went, and which database it is a copy of, in
 * {@code <name>.files.json} beside its H2 file.
 */
final class LabDatabaseFiles {

    private static final String SIDECAR = ".files.json";

    private final FarmLayout layout;
    private final StateFiles state;
    private final LabDatabases databases;

    LabDatabaseFiles(FarmLayout layout, StateFiles state, LabDatabases databases) {
        this.layout = layout;
        this.state = state;
        this.databases = databases;
    }

    /** Where a database's files are, and the database it was restored from (itself unless restored under another name). */
    record Placement(String source, List<BackupFile> files) {
    }

    /** The default data (and log) folder of a lab instance, as SQL Server 2012 installs it. */
    static String defaultFolder(SqlStoreRef instance) {
        return "C:\\Program Files\\Microsoft SQL Server\\MSSQL11." + instance.instance().toUpperCase(Locale.ROOT)
                + "\\MSSQL\\DATA\\";
    }

    /** The files a database created on {@code instance} under {@code name} has, with {@code bytes} of data. */
    static List<BackupFile> defaultFiles(SqlStoreRef instance, String name, long bytes) {
        String folder = defaultFolder(instance);
        return List.of(new BackupFile(name, "D", folder + name + ".mdf", bytes),
                new BackupFile(name + "_log", "L", folder + name + "_log.ldf", 1024 * 1024));
    }

    /**
     * Where {@code name}'s files are: as recorded when it was restored under another name with MOVE, else where the
     * instance keeps them ({@link LabDatabases#files}: its default data and log folders, or where a restore of the
     * database itself moved them).
     */
    Placement placement(SqlStoreRef instance, String name) {
        return state.readIfExists(sidecar(instance, name), Placement.class)
                .orElseGet(() -> {
                    long bytes = size(instance, name);
                    return new Placement(name, databases.files(instance, name).stream()
                            .map(f -> new BackupFile(f.logicalName(), f.type(), f.physicalName(),
                                    "L".equals(f.type()) ? 1024 * 1024 : bytes))
                            .toList());
                });
    }

    void record(SqlStoreRef instance, String name, Placement placement) {
        state.write(sidecar(instance, name), placement);
    }

    void forget(SqlStoreRef instance, String name) {
        state.delete(sidecar(instance, name));
    }

    /** The database among {@code databases} that uses {@code physicalName}, if any (Windows paths: any case). */
    Optional<String> user(SqlStoreRef instance, List<String> databases, String physicalName) {
        for (String database : databases) {
            for (BackupFile file : placement(instance, database).files()) {
                if (file.physicalName().equalsIgnoreCase(physicalName)) {
                    return Optional.of(database);
                }
            }
        }
        return Optional.empty();
    }

    /** The files of a database as a backup of it records them. */
    List<BackupFile> filesForBackup(SqlStoreRef instance, String name) {
        return new ArrayList<>(placement(instance, name).files());
    }

    private long size(SqlStoreRef instance, String name) {
        Path file = layout.instanceDir(instance).resolve(name + ".mv.db");
        return file.toFile().length();
    }

    private Path sidecar(SqlStoreRef instance, String name) {
        return layout.instanceDir(instance).resolve(name + SIDECAR);
    }
}
