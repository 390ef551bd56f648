package org.lyncrunbooks.sqlserver;

import java.util.List;

/**
 * Quotes identifiers and string literals for T-SQL and builds the few statements this package sends; every
 * name and path that reaches SQL Server text goes through here.
 *
 * <p>Names are quoted as {@code [name]} with {@code ]} doubled, which is what SQL Server's own
 * {@code QUOTENAME} does; string literals are written as {@code N'…'} with {@code '} doubled. The {@code N}
 * prefix matters: without it SQL Server converts the literal to the database's code page, and some Unicode
 * characters (for example U+02BC) become a plain apostrophe after the quoting was done.
 */
public final class TSql {

    /** The length of {@code sysname}: SQL Server identifiers are at most 128 UTF-16 code units. */
    public static final int MAX_NAME_LENGTH = 128;

    private TSql() {
    }

    /**
     * {@code [name]} with every {@code ]} doubled.
     *
     * @throws IllegalArgumentException when the name is null or empty, longer than 128 characters, or contains
     *                                  a control character (CR, LF, NUL, tab, …) or a Unicode line separator
     */
    public static String quoteName(String name) {
        requireValidName(name);
        return "[" + name.replace("]", "]]") + "]";
    }

    /**
     * {@code N'value'} with every {@code '} doubled.
     *
     * @throws IllegalArgumentException when the value is null or contains NUL, CR or LF
     */
    public static String quoteString(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a T-SQL string value is missing (null)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("'" + printable(value) + "' contains a NUL or line-break character "
                        + "at position " + i + "; it cannot be used in a T-SQL statement");
            }
        }
        return "N'" + value.replace("'", "''") + "'";
    }

    /** Checks a SQL Server identifier by the rules of {@link #quoteName(String)} without quoting it. */
    public static void requireValidName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a SQL Server name is missing (null or empty)");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("'" + printable(name) + "' is " + name.length()
                    + " characters long; SQL Server names are at most " + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw new IllegalArgumentException("'" + printable(name) + "' contains a control character at position "
                        + i + "; it is not accepted as a SQL Server name");
            }
        }
    }

    /** {@code BACKUP DATABASE [database] TO DISK = N'file' WITH CHECKSUM, INIT}. */
    public static String backupDatabase(String database, String backupFile) {
        return backupDatabase(database, backupFile, false);
    }

    /**
     * {@code BACKUP DATABASE [database] TO DISK = N'file' WITH COPY_ONLY, CHECKSUM, INIT} when {@code copyOnly}: a
     * backup outside the database's backup chain, which neither becomes the base of differential backups nor
     * truncates anything.
     */
    public static String backupDatabase(String database, String backupFile, boolean copyOnly) {
        return "BACKUP DATABASE " + quoteName(database) + " TO DISK = " + quotePath(backupFile)
                + " WITH " + (copyOnly ? "COPY_ONLY, " : "") + "CHECKSUM, INIT";
    }

    /** {@code RESTORE VERIFYONLY FROM DISK = N'file' WITH CHECKSUM}. */
    public static String verifyOnly(String backupFile) {
        return "RESTORE VERIFYONLY FROM DISK = " + quotePath(backupFile) + " WITH CHECKSUM";
    }

    /** {@code RESTORE DATABASE [database] FROM DISK = N'file' WITH CHECKSUM} and {@code , REPLACE} when asked. */
    public static String restoreDatabase(String database, String backupFile, boolean replace) {
        return restoreDatabase(database, backupFile, replace, java.util.List.of());
    }

    /**
     * {@code RESTORE DATABASE [database] FROM DISK = N'file' WITH CHECKSUM, MOVE N'…' TO N'…', …} and
     * {@code , REPLACE} when asked.
     */
    public static String restoreDatabase(String database, String backupFile, boolean replace, java.util.List<SqlServerClient.FileMove> moves) {
        StringBuilder sql = new StringBuilder("RESTORE DATABASE ").append(quoteName(database)).append(" FROM DISK = ")
                .append(quotePath(backupFile)).append(" WITH CHECKSUM");
        for (SqlServerClient.FileMove move : moves) {
            sql.append(", MOVE ").append(quoteString(move.logicalName())).append(" TO ")
                    .append(quotePath(move.physicalName()));
        }
        return sql.append(replace ? ", REPLACE" : "").toString();
    }

    /** {@code RESTORE FILELISTONLY FROM DISK = N'file'}: the logical and physical names of the backup's files. */
    public static String fileListOnly(String backupFile) {
        return "RESTORE FILELISTONLY FROM DISK = " + quotePath(backupFile);
    }

    /**
     * {@code ALTER DATABASE [database] SET SINGLE_USER WITH ROLLBACK IMMEDIATE}: a REPLACE restore needs the
     * database without other sessions, and the services writing to it are stopped only by convention.
     */
    public static String setSingleUser(String database) {
        return "ALTER DATABASE " + quoteName(database) + " SET SINGLE_USER WITH ROLLBACK IMMEDIATE";
    }

    /** {@code ALTER DATABASE [database] SET MULTI_USER}: undoes {@link #setSingleUser(String)}. */
    public static String setMultiUser(String database) {
        return "ALTER DATABASE " + quoteName(database) + " SET MULTI_USER";
    }

    /**
     * {@code RESTORE DATABASE [database] FROM DISK = N'file' WITH MOVE N'logical' TO N'physical', …, CHECKSUM}: a
     * restore under another name, every file moved, never REPLACE.
     */
    public static String restoreWithMove(String database, String backupFile, List<SqlServerClient.FileMove> moves) {
        if (moves == null || moves.isEmpty()) {
            throw new IllegalArgumentException("a restore under another name must move every file (no MOVE given)");
        }
        StringBuilder sql = new StringBuilder("RESTORE DATABASE ").append(quoteName(database)).append(" FROM DISK = ")
                .append(quotePath(backupFile)).append(" WITH ");
        for (SqlServerClient.FileMove move : moves) {
            sql.append("MOVE ").append(quoteString(move.logicalName())).append(" TO ")
                    .append(quotePath(move.physicalName())).append(", ");
        }
        return sql.append("CHECKSUM").toString();
    }

    /** {@code DBCC CHECKDB ([database]) WITH NO_INFOMSGS, ALL_ERRORMSGS}. */
    public static String checkDb(String database) {
        return "DBCC CHECKDB (" + quoteName(database) + ") WITH NO_INFOMSGS, ALL_ERRORMSGS";
    }

    /** Rows per user table of {@code database}: schema, table, rows, from the heap or clustered index partitions. */
    public static String rowCounts(String database) {
        String db = quoteName(database);
        return "SELECT s.name, t.name, COALESCE(SUM(p.rows), 0)"
                + " FROM " + db + ".sys.tables AS t"
                + " JOIN " + db + ".sys.schemas AS s ON s.schema_id = t.schema_id"
                + " JOIN " + db + ".sys.partitions AS p ON p.object_id = t.object_id AND p.index_id IN (0, 1)"
                + " WHERE t.is_ms_shipped = 0 GROUP BY s.name, t.name ORDER BY s.name, t.name";
    }

    /** {@code DROP DATABASE [database]}. */
    public static String dropDatabase(String database) {
        return "DROP DATABASE " + quoteName(database);
    }

    /** The value as a message may show it: control characters escaped, at most 140 characters. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.length() > 140 ? sb.substring(0, 137) + "..." : sb.toString();
    }

    private static String quotePath(String backupFile) {
        if (backupFile == null || backupFile.isBlank()) {
            throw new IllegalArgumentException("a backup file path is missing (null or blank)");
        }
        return quoteString(backupFile);
    }
}
