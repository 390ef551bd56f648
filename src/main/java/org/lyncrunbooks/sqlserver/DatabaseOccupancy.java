package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a database holds data, for the "restore only onto clean targets" rule (D3).
 *
 * <p>This is a heuristic, and it is stated here as one. {@code Install-CsDatabase} creates Lync's databases
 * with some seed rows (versions, defaults), so "any row in any user table" would call every freshly created
 * database full. For the databases restored by SQL Server backup, only the table that records activity is
 * counted:
 * <ul>
 *   <li>{@code LcsLog} (Archiving): {@code dbo.Messages}</li>
 *   <li>{@code LcsCDR} (Monitoring, call detail records): {@code dbo.SessionDetails}</li>
 *   <li>{@code QoEMetrics} (Monitoring, Quality of Experience): {@code dbo.Session}</li>
 *   <li>{@code mgc} (Persistent Chat): {@code dbo.tblChat}</li>
 * </ul>
 * These names come from the Lync Server 2013 schemas; the rule has not been run against a live Lync SQL store
 * here. For any other database, or when that table is missing (another schema version), every user table is
 * counted ({@code is_ms_shipped = 0}), which errs towards "holds data", so towards refusing a restore.
 *
 * <p>Rows are counted from {@code sys.partitions} (heap or clustered index, {@code index_id IN (0, 1)}): it is
 * metadata, so it costs nothing on a database of hundreds of gigabytes, at the price that SQL Server documents
 * the figure as approximate. The question asked is only "zero or not".
 */
final class DatabaseOccupancy {

    /** How many rows the database holds, and where they were counted ({@code dbo.Messages}, "user tables"). */
    record Measure(long rows, String counted) {

        boolean holdsData() {
            return rows > 0;
        }
    }

    private record Table(String schema, String name) {
    }

    private static final Map<String, Table> ACTIVITY_TABLES = Map.of(
            "lcslog", new Table("dbo", "Messages"),
            "lcscdr", new Table("dbo", "SessionDetails"),
            "qoemetrics", new Table("dbo", "Session"),
            "mgc", new Table("dbo", "tblChat"));

    private DatabaseOccupancy() {
    }

    /** Counts the rows of {@code database}, a name as the catalog returned it. */
    static Measure measure(Connection connection, String database, int timeoutSeconds) throws SQLException {
        String db = TSql.quoteName(database);
        Table table = ACTIVITY_TABLES.get(database.toLowerCase(Locale.ROOT));
        if (table != null) {
            try (PreparedStatement query = connection.prepareStatement(activityTableSql(db))) {
                query.setQueryTimeout(timeoutSeconds);
                query.setString(1, table.schema());
                query.setString(2, table.name());
                try (ResultSet result = query.executeQuery()) {
                    if (result.next() && result.getLong(1) > 0) {
                        return new Measure(result.getLong(2), table.schema() + "." + table.name());
                    }
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(allUserTablesSql(db))) {
            query.setQueryTimeout(timeoutSeconds);
            try (ResultSet result = query.executeQuery()) {
                return new Measure(result.next() ? result.getLong(1) : 0, "user tables");
            }
        }
    }

    /** Partitions found (0 = the table does not exist) and their rows, for one table given as parameters. */
    static String activityTableSql(String quotedDatabase) {
        return "SELECT COUNT(*), COALESCE(SUM(p.rows), 0)"
                + " FROM " + quotedDatabase + ".sys.tables AS t"
                + " JOIN " + quotedDatabase + ".sys.schemas AS s ON s.schema_id = t.schema_id"
                + " JOIN " + quotedDatabase + ".sys.partitions AS p ON p.object_id = t.object_id AND p.index_id IN (0, 1)"
                + " WHERE t.is_ms_shipped = 0 AND s.name = ? AND t.name = ?";
    }

    /** The rows of each user table, as {@code schema.table} and rows. */
    static String perTableSql(String quotedDatabase) {
        return "SELECT s.name + N'.' + t.name, COALESCE(SUM(p.rows), 0)"
                + " FROM " + quotedDatabase + ".sys.tables AS t"
                + " JOIN " + quotedDatabase + ".sys.schemas AS s ON s.schema_id = t.schema_id"
                + " JOIN " + quotedDatabase + ".sys.partitions AS p ON p.object_id = t.object_id AND p.index_id IN (0, 1)"
                + " WHERE t.is_ms_shipped = 0 GROUP BY s.name, t.name";
    }

    /** The rows of every user table. */
    static String allUserTablesSql(String quotedDatabase) {
        return "SELECT COALESCE(SUM(p.rows), 0)"
                + " FROM " + quotedDatabase + ".sys.tables AS t"
                + " JOIN " + quotedDatabase + ".sys.partitions AS p ON p.object_id = t.object_id AND p.index_id IN (0, 1)"
                + " WHERE t.is_ms_shipped = 0";
    }
}
