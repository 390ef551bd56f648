package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a T-SQL statement to its very end and turns SQL Server's errors into readable text.
 *
 * <p>BACKUP and RESTORE answer with a stream of results and messages; an error can come after the first of
 * them (and mssql-jdbc reports some only when the next result is asked for), so a plain {@code execute} could
 * return normally for a backup that failed. Every result is therefore read until none is left, and the
 * informational messages ({@code getWarnings()}) are kept for the log and for the failure text.
 */
final class Statements {

    private static final int MAX_MESSAGES = 20;

    private Statements() {
    }

    /**
     * Executes {@code sql} (binding {@code parameters} in order, if any), drains every result, and returns
     * SQL Server's informational messages.
     *
     * @throws SqlServerException "{@code <action>} failed: <SQL Server's messages>" when SQL Server raised an error
     */
    static List<String> runToEnd(Connection connection, String action, String sql, int timeoutSeconds,
                                 String... parameters) {
        boolean prepared = parameters.length > 0;
        try (Statement statement = prepared ? connection.prepareStatement(sql) : connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try {
                boolean resultSet;
                if (prepared) {
                    PreparedStatement bound = (PreparedStatement) statement;
                    for (int i = 0; i < parameters.length; i++) {
                        bound.setString(i + 1, parameters[i]);
                    }
                    resultSet = bound.execute();
                } else {
                    resultSet = statement.execute(sql);
                }
                while (true) {
                    if (resultSet) {
                        try (ResultSet rows = statement.getResultSet()) {
                            while (rows.next()) {
                                // Rows of an intermediate result are not needed, only what follows them.
                            }
                        }
                    } else if (statement.getUpdateCount() == -1) {
                        break;
                    }
                    resultSet = statement.getMoreResults();
                }
                return messages(statement.getWarnings());
            } catch (SQLException e) {
                // Described while the statement is open: mssql-jdbc reads chained errors from it lazily.
                throw failure(action, e, messagesOf(statement));
            }
        } catch (SQLException e) {
            throw failure(action, e, List.of());
        }
    }

    /** Reads the first result's rows with {@code reader}, then drains every result after it like {@link #runToEnd}. */
    static <T> T query(Connection connection, String action, String sql, int timeoutSeconds, RowReader<T> reader) {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try {
                boolean resultSet = statement.execute(sql);
                while (!resultSet && statement.getUpdateCount() != -1) {
                    resultSet = statement.getMoreResults();
                }
                if (!resultSet) {
                    throw new SqlServerException(action + " returned no rows");
                }
                T value;
                try (ResultSet rows = statement.getResultSet()) {
                    value = reader.read(rows);
                }
                while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                    // an error may follow the rows
                }
                return value;
            } catch (SQLException e) {
                throw failure(action, e, messagesOf(statement));
            }
        } catch (SQLException e) {
            throw failure(action, e, List.of());
        }
    }

    /** Reads the rows of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Every error of the exception chain as {@code Msg <number>: <text>}, in order, without repeats. */
    static List<String> errors(SQLException e) {
        return List.copyOf(chain(e));
    }

    /** "{@code <action>} failed: Msg 3201: …; Msg 3013: …", with SQL Server's earlier messages after it. */
    static SqlServerException failure(String action, SQLException e, List<String> earlierMessages) {
        StringBuilder text = new StringBuilder(action).append(" failed: ").append(describe(e));
        if (!earlierMessages.isEmpty()) {
            text.append(" (SQL Server also said: ").append(String.join("; ", earlierMessages)).append(')');
        }
        return new SqlServerException(text.toString(), e);
    }

    /** Every error of the exception chain as {@code Msg <number>: <text>}, without repeats. */
    static String describe(SQLException e) {
        return String.join("; ", chain(e));
    }

    private static Set<String> chain(SQLException e) {
        Set<String> errors = new LinkedHashSet<>();
        SQLException current = e;
        while (current != null && errors.size() < MAX_MESSAGES) {
            errors.add(format(current));
            SQLException next = current.getNextException();
            current = next == current ? null : next;
        }
        return errors;
    }

    private static List<String> messagesOf(Statement statement) {
        try {
            return messages(statement.getWarnings());
        } catch (SQLException unreadable) {
            // The error being reported matters more than the messages before it.
            return List.of();
        }
    }

    private static List<String> messages(SQLWarning warning) {
        List<String> messages = new ArrayList<>();
        while (warning != null && messages.size() < MAX_MESSAGES) {
            messages.add(format(warning));
            warning = warning.getNextWarning();
        }
        return messages;
    }

    private static String format(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return e.getErrorCode() != 0 ? "Msg " + e.getErrorCode() + ": " + message : message;
    }
}
