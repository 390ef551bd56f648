package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lyncrunbooks.topology.LyncDatabase;

/**
 * What {@code DBCC CHECKDB} finds in a lab database, and the damage that makes it find something. The lab's rows
 * live in H2, which keeps its own files consistent, so the lab models the damage a checksum cannot see as the data
 * itself being wrong for the Lync schema: a torn page (half of a page's rows lost a value the schema declares
 * NOT NULL) or a broken index (a key the schema declares unique or primary appears twice). CHECKDB reads every row
 * of every table the schema declares and reports each finding in SQL Server's words, with the page it is on (eight
 * rows to a page, in key order), then the per-table and per-database totals.
 *
 * <p>The damage is done to a database before a backup: {@code SCRIPT} then carries it into the {@code .bak} under a
 * valid checksum, so {@code RESTORE VERIFYONLY} passes and only a restore followed by CHECKDB finds it.
 */
final class LabConsistency {

    private static final int ROWS_PER_PAGE = 8;
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (\\w+) \\((.*)\\)", Pattern.DOTALL);
    private static final Pattern TABLE_KEY = Pattern.compile("PRIMARY KEY \\(([^)]*)\\)");

    private LabConsistency() {
    }

    /** A table as the Lync schema declares it: columns that must hold a value, the primary key, unique columns. */
    record DeclaredTable(String name, List<String> notNull, List<String> primaryKey, List<String> unique) {

        /** The columns rows are ordered by to put them on pages: the primary key, else the first column. */
        List<String> order(List<String> columns) {
            return primaryKey.isEmpty() ? columns.subList(0, 1) : primaryKey;
        }
    }

    /** The tables {@code database} declares, read from the DDL the lab installs it with. */
    static List<DeclaredTable> declared(LyncDatabase database) {
        List<DeclaredTable> tables = new ArrayList<>();
        for (String ddl : Schemas.ddl(database)) {
            Matcher m = CREATE.matcher(ddl);
            if (!m.matches()) {
                continue;
            }
            Set<String> notNull = new LinkedHashSet<>();
            List<String> key = new ArrayList<>();
            List<String> unique = new ArrayList<>();
            for (String part : splitTopLevel(m.group(2))) {
                Matcher tableKey = TABLE_KEY.matcher(part);
                if (tableKey.matches()) {
                    for (String column : tableKey.group(1).split(",")) {
                        key.add(column.trim());
                    }
                    continue;
                }
                String column = part.trim().split("\\s+")[0];
                if (part.contains(" NOT NULL")) {
                    notNull.add(column);
                }
                if (part.contains(" PRIMARY KEY")) {
                    key.add(column);
                }
                if (part.contains(" UNIQUE")) {
                    unique.add(column);
                }
            }
            notNull.addAll(key);
            tables.add(new DeclaredTable(m.group(1), List.copyOf(notNull), List.copyOf(key), List.copyOf(unique)));
        }
        return tables;
    }

    /**
     * {@code DBCC CHECKDB (database) WITH NO_INFOMSGS, ALL_ERRORMSGS} on an open lab database whose rows should
     * follow {@code schema}: every error found, then the totals; an empty list when it is consistent.
     */
    static List<String> check(Connection c, String databaseName, LyncDatabase schema) throws SQLException {
        Map<String, String> actualTables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String table : LabDatabases.tableNames(c)) {
            actualTables.put(table, table);
        }
        List<String> messages = new ArrayList<>();
        int total = 0;
        for (DeclaredTable table : declared(schema)) {
            if (!actualTables.containsKey(table.name())) {
                continue;
            }
            List<String> found = new ArrayList<>();
            found.addAll(tornPages(c, table));
            found.addAll(duplicateKeys(c, table, "PK_" + table.name(), 1, table.primaryKey()));
            int index = 2;
            for (String column : table.unique()) {
                found.addAll(duplicateKeys(c, table, "UQ_" + table.name() + "_" + column, index++, List.of(column)));
            }
            if (!found.isEmpty()) {
                messages.addAll(found);
                messages.add("Msg 8990: CHECKDB found 0 allocation errors and " + found.size()
                        + " consistency errors in table '" + table.name() + "' (object ID " + objectId(table.name()) + ").");
                total += found.size();
            }
        }
        if (total > 0) {
            messages.add("Msg 8989: CHECKDB found 0 allocation errors and " + total + " consistency errors in database '"
                    + databaseName + "'.");
            messages.add("Msg 8958: repair_allow_data_loss is the minimum repair level for the errors found by DBCC "
                    + "CHECKDB (" + databaseName + ").");
        }
        return messages;
    }

    /** One error pair per page on which rows lost a value their column declares NOT NULL. */
    private static List<String> tornPages(Connection c, DeclaredTable table) throws SQLException {
        List<String> columns = columns(c, table.name());
        String order = String.join(", ", table.order(columns));
        Map<Long, Map<String, Integer>> pages = new TreeMap<>();
        for (String column : table.notNull()) {
            String sql = "SELECT rn FROM (SELECT ROW_NUMBER() OVER (ORDER BY " + order + ") AS rn, " + column
                    + " AS v FROM " + table.name() + ") WHERE v IS NULL";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    long page = page(rs.getLong(1));
                    pages.computeIfAbsent(page, p -> new LinkedHashMap<>()).merge(column, 1, Integer::sum);
                }
            }
        }
        List<String> errors = new ArrayList<>();
        long objectId = objectId(table.name());
        for (Map.Entry<Long, Map<String, Integer>> page : pages.entrySet()) {
            String where = "Object ID " + objectId + ", index ID 1, partition ID " + partitionId(objectId)
                    + ", alloc unit ID " + partitionId(objectId) + " (type In-row data)";
            errors.add("Msg 8928: " + where + ": Page (1:" + page.getKey() + ") could not be processed. See other "
                    + "errors for details.");
            List<String> lost = new ArrayList<>();
            page.getValue().forEach((column, rows) -> lost.add(rows + " row(s) without " + column));
            errors.add("Msg 8939: Table error: " + where + ", page (1:" + page.getKey() + "). Test (IS_OFF (BUF_IOERR, "
                    + "pBUF->bstat)) failed. The page of table '" + table.name() + "' is torn: " + String.join(", ", lost)
                    + ", which the table declares NOT NULL.");
        }
        return errors;
    }

    /** One error per key value that appears more than once in an index the schema declares unique. */
    private static List<String> duplicateKeys(Connection c, DeclaredTable table, String indexName, int indexId,
                                              List<String> key) throws SQLException {
        if (key.isEmpty()) {
            return List.of();
        }
        List<String> columns = columns(c, table.name());
        String order = String.join(", ", table.order(columns));
        String keyList = String.join(", ", key);
        String sql = "SELECT " + keyList + ", COUNT(*), MIN(rn), MAX(rn) FROM (SELECT ROW_NUMBER() OVER (ORDER BY "
                + order + ") AS rn, " + keyList + " FROM " + table.name() + ") GROUP BY " + keyList
                + " HAVING COUNT(*) > 1";
        List<String> errors = new ArrayList<>();
        long objectId = objectId(table.name());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= key.size(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                long count = rs.getLong(key.size() + 1);
                long first = rs.getLong(key.size() + 2);
                long last = rs.getLong(key.size() + 3);
                errors.add("Msg 2512: Table error: Object ID " + objectId + ", index ID " + indexId + ", partition ID "
                        + partitionId(objectId) + ", alloc unit ID " + partitionId(objectId) + " (type In-row data). "
                        + "Duplicate keys on page (1:" + page(first) + ") slot " + slot(first) + " and page (1:"
                        + page(last) + ") slot " + slot(last) + ". Key (" + keyList + ") = (" + String.join(", ", values)
                        + ") appears " + count + " times in index '" + indexName + "' of table '" + table.name() + "'.");
            }
        }
        return errors;
    }

    // ------------------------------------------------------------------ damage

    /**
     * Damages {@code schema}'s largest table in a way no checksum sees. Returns what was done, for the caller's log.
     *
     * @throws IllegalStateException when the database has no table the damage can be done to (too few rows)
     */
    static String damage(Connection c, LyncDatabase schema, DatabaseDamage damage) throws SQLException {
        DeclaredTable table = largest(c, schema, damage);
        List<String> columns = columns(c, table.name());
        String order = String.join(", ", table.order(columns));
        long rows = rowCount(c, table.name());
        if (damage == DatabaseDamage.TORN_PAGE) {
            String column = table.notNull().stream().filter(col -> !table.primaryKey().contains(col)).findFirst()
                    .orElseThrow();
            // the second half of the second page (rows 13 to 16 in key order), or of the first page in a small table
            long firstPage = rows > 2 * ROWS_PER_PAGE ? 2 : 1;
            long from = (firstPage - 1) * ROWS_PER_PAGE + ROWS_PER_PAGE / 2 + 1;
            long to = Math.min(firstPage * ROWS_PER_PAGE, rows);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + table.name() + " ALTER COLUMN " + column + " SET NULL");
                s.executeUpdate("UPDATE " + table.name() + " SET " + column + " = NULL WHERE (" + order + ") IN (SELECT "
                        + order + " FROM (SELECT ROW_NUMBER() OVER (ORDER BY " + order + ") AS rn, " + order + " FROM "
                        + table.name() + ") WHERE rn BETWEEN " + from + " AND " + to + ")");
            }
            return "torn page (1:" + firstPage + ") of table " + table.name() + ": rows " + from + " to " + to
                    + " lost their " + column;
        }
        try (Statement s = c.createStatement()) {
            for (String constraint : uniqueConstraints(c, table.name())) {
                s.execute("ALTER TABLE " + table.name() + " DROP CONSTRAINT \"" + constraint.replace("\"", "\"\"") + "\"");
            }
            // the row in the middle of the table, written a second time: the index holds its key twice
            s.executeUpdate("INSERT INTO " + table.name() + " SELECT " + String.join(", ", columns) + " FROM (SELECT "
                    + "ROW_NUMBER() OVER (ORDER BY " + order + ") AS rn, " + String.join(", ", columns) + " FROM "
                    + table.name() + ") WHERE rn = " + Math.max(1, rows / 2));
        }
        return "broken index on table " + table.name() + ": the key (" + String.join(", ", table.primaryKey())
                + ") of row " + Math.max(1, rows / 2) + " appears twice";
    }

    private static DeclaredTable largest(Connection c, LyncDatabase schema, DatabaseDamage damage) throws SQLException {
        DeclaredTable best = null;
        long bestRows = -1;
        for (DeclaredTable table : declared(schema)) {
            if (table.name().equalsIgnoreCase(Schemas.PRINCIPALS) || table.primaryKey().isEmpty()) {
                continue;
            }
            boolean usable = damage == DatabaseDamage.BROKEN_INDEX
                    || table.notNull().stream().anyMatch(col -> !table.primaryKey().contains(col));
            long rows = rowCount(c, table.name());
            if (usable && rows > bestRows) {
                best = table;
                bestRows = rows;
            }
        }
        if (best == null || bestRows < 2) {
            throw new IllegalStateException("database " + schema.databaseName() + " has no table with rows to damage");
        }
        return best;
    }

    private static List<String> uniqueConstraints(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND UPPER(TABLE_NAME) = ? AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')")) {
            ps.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static long rowCount(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The data page a row is on, 1-based row number in key order; pages of a table start at 100. */
    private static long page(long rowNumber) {
        return 100 + (rowNumber - 1) / ROWS_PER_PAGE;
    }

    private static long slot(long rowNumber) {
        return (rowNumber - 1) % ROWS_PER_PAGE;
    }

    /** A stable object id per table name, in the range SQL Server gives user tables. */
    static long objectId(String table) {
        return 100_000_000L + Math.floorMod(table.toLowerCase(Locale.ROOT).hashCode(), 1_900_000_000);
    }

    private static long partitionId(long objectId) {
        return 72_057_594_000_000_000L + objectId;
    }

    /** Splits a column list at the commas outside parentheses. */
    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(body.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(body.substring(start).trim());
        return parts;
    }
}
