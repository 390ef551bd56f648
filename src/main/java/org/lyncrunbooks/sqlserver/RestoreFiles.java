package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a restore puts a database's files ({@code WITH MOVE}): each file of the backup ({@code RESTORE FILELISTONLY})
 * under its own file name into the data folder (data, full-text and FILESTREAM files) or the log folder (log files).
 * A folder not given is the rebuilt instance's own default, {@code SERVERPROPERTY('InstanceDefaultDataPath')} and
 * {@code 'InstanceDefaultLogPath'}: the paths in the backup are the old server's, and on a rebuilt server they often
 * do not exist (R11: "check the data and log paths").
 */
final class RestoreFiles {

    static final String DEFAULT_PATHS = "SELECT CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(4000)), "
            + "CAST(SERVERPROPERTY('InstanceDefaultLogPath') AS nvarchar(4000))";

    private RestoreFiles() {
    }

    /** The instance's default data and log folders; a part is null when the instance does not say (before 2012). */
    static SqlServerClient.DefaultPaths defaultPaths(Connection connection, int timeoutSeconds) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(DEFAULT_PATHS)) {
            query.setQueryTimeout(timeoutSeconds);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? new SqlServerClient.DefaultPaths(result.getString(1), result.getString(2))
                        : new SqlServerClient.DefaultPaths(null, null);
            }
        }
    }

    /** The moves for {@code backupFile}; none when {@code locations} is null (the paths recorded in the backup). */
    static List<SqlServerClient.FileMove> moves(Connection connection, String where, String backupFile,
                                 SqlServerClient.FileLocations locations, int timeoutSeconds) throws SQLException {
        if (locations == null) {
            return List.of();
        }
        String dataFolder = locations.dataFolder();
        String logFolder = locations.logFolder();
        if (dataFolder == null || logFolder == null) {
            SqlServerClient.DefaultPaths defaults = defaultPaths(connection, timeoutSeconds);
            dataFolder = dataFolder != null ? dataFolder : defaults.data();
            logFolder = logFolder != null ? logFolder : defaults.log();
            if (dataFolder == null || logFolder == null) {
                throw new SqlServerException(where + " does not report its default data and log paths "
                        + "(SERVERPROPERTY('InstanceDefaultDataPath') exists from SQL Server 2012); give the data and log "
                        + "folders in the Install SQL Server task so that the restore can move the files there");
            }
        }
        List<SqlServerClient.FileMove> moves = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(TSql.fileListOnly(backupFile))) {
            query.setQueryTimeout(timeoutSeconds);
            try (ResultSet files = query.executeQuery()) {
                while (files.next()) {
                    String logical = files.getString(1);
                    String physical = files.getString(2);
                    String type = files.getString(3);
                    String folder = "L".equalsIgnoreCase(type) ? logFolder : dataFolder;
                    moves.add(new SqlServerClient.FileMove(logical, join(folder, fileName(physical))));
                }
            }
        }
        if (moves.isEmpty()) {
            throw new SqlServerException("RESTORE FILELISTONLY of " + backupFile + " on " + where + " listed no files");
        }
        return moves;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String join(String folder, String file) {
        String trimmed = folder.strip();
        return trimmed.endsWith("\\") || trimmed.endsWith("/") ? trimmed + file
                : trimmed + (trimmed.toLowerCase(Locale.ROOT).startsWith("/") ? "/" : "\\") + file;
    }
}
