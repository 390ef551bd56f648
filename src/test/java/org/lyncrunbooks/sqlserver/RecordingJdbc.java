package org.lyncrunbooks.sqlserver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scripted stand-in for a SQL Server reached through JDBC: {@link Proxy}-made {@link Connection},
 * {@link Statement}, {@link PreparedStatement} and {@link ResultSet} that record every SQL string,
 * every bound parameter and the order of calls, and answer from a script (rows, update counts, warnings and
 * {@link SQLException}s, in the order a statement would produce them). A call the script does not cover fails
 * the test rather than answering something made up.
 */
public final class RecordingJdbc {

    /** One statement as it was executed: the SQL text and the parameters bound to it, by position. */
    public record Executed(String sql, List<String> parameters, int queryTimeout) {
    }

    /** One result of a statement, in the order SQL Server sends them. */
    public sealed interface Step permits Rows, UpdateCount, Failure {
    }

    public record Rows(List<Object[]> rows) implements Step {
    }

    public record UpdateCount(int count) implements Step {
    }

    public record Failure(SQLException error) implements Step {
    }

    private record Answer(List<Step> steps, List<SQLWarning> warnings) {
    }

    private static final class Rule {
        final String fragment;
        final List<Answer> answers = new ArrayList<>();

        Rule(String fragment) {
            this.fragment = fragment;
        }

        Answer next() {
            return answers.size() > 1 ? answers.remove(0) : answers.get(0);
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<Executed> executed = new ArrayList<>();

    // --- script ---------------------------------------------------------------------------------------------

    /**
     * The next statement whose SQL contains {@code fragment} answers with these steps (and warnings). Several
     * answers for one fragment are used in order; the last one then repeats.
     */
    RecordingJdbc on(String fragment, List<SQLWarning> warnings, Step... steps) {
        Rule rule = rules.stream().filter(r -> r.fragment.equals(fragment)).findFirst().orElseGet(() -> {
            Rule created = new Rule(fragment);
            rules.add(created);
            return created;
        });
        for (int i = 1; i < warnings.size(); i++) {
            warnings.get(0).setNextWarning(warnings.get(i));
        }
        rule.answers.add(new Answer(List.of(steps), warnings));
        return this;
    }

    public RecordingJdbc on(String fragment, Step... steps) {
        return on(fragment, List.of(), steps);
    }

    public static Step rows(Object[]... rows) {
        return new Rows(Arrays.asList(rows));
    }

    public static Object[] row(Object... values) {
        return values;
    }

    public static Step update(int count) {
        return new UpdateCount(count);
    }

    static Step fail(SQLException error) {
        return new Failure(error);
    }

    /** An error as mssql-jdbc reports one from SQL Server: the message, SQLState S0001 and the error number. */
    static SQLException sqlError(int number, String message) {
        return new SQLException(message, "S0001", number);
    }

    static SQLWarning sqlMessage(int number, String message) {
        return new SQLWarning(message, "S0001", number);
    }

    // --- what happened --------------------------------------------------------------------------------------

    /** Every call in order: {@code open …}, {@code prepare …}, {@code execute …}, {@code close statement}, … */
    public List<String> events() {
        return List.copyOf(events);
    }

    public List<Executed> executed() {
        return List.copyOf(executed);
    }

    public List<String> executedSql() {
        return executed.stream().map(Executed::sql).toList();
    }

    public SqlConnectionFactory factory() {
        return instance -> {
            events.add("open " + instance.display());
            return connection();
        };
    }

    // --- the proxies ----------------------------------------------------------------------------------------

    Connection connection() {
        boolean[] closed = {false};
        return proxy(Connection.class, (method, args) -> switch (method.getName()) {
            case "createStatement" -> {
                requireNoArgs(method, args);
                events.add("create statement");
                yield statement(Statement.class, null);
            }
            case "prepareStatement" -> {
                if (args.length != 1) {
                    throw new UnsupportedOperationException("prepareStatement with options is not scripted");
                }
                events.add("prepare " + args[0]);
                yield statement(PreparedStatement.class, (String) args[0]);
            }
            case "close" -> {
                events.add("close connection");
                closed[0] = true;
                yield null;
            }
            case "isClosed" -> closed[0];
            default -> throw new UnsupportedOperationException("Connection." + method.getName() + " is not scripted");
        });
    }

    /** A plain {@link Statement} for {@code createStatement}, a {@link PreparedStatement} for a prepared one. */
    private <T extends Statement> T statement(Class<T> type, String preparedSql) {
        StatementState state = new StatementState(preparedSql);
        return proxy(type, (method, args) -> switch (method.getName()) {
            case "setQueryTimeout" -> {
                state.timeout = (Integer) args[0];
                yield null;
            }
            case "setString", "setNString" -> {
                state.parameters.put((Integer) args[0], (String) args[1]);
                yield null;
            }
            case "execute" -> state.execute(args == null ? null : (String) args[0]);
            case "executeQuery" -> {
                state.execute(args == null ? null : (String) args[0]);
                if (state.current == null) {
                    throw new SQLException("the script gave no rows for " + state.sql);
                }
                yield state.current;
            }
            case "getResultSet" -> state.current;
            case "getUpdateCount" -> state.updateCount;
            case "getMoreResults" -> {
                requireNoArgs(method, args);
                events.add("getMoreResults");
                yield state.advance();
            }
            case "getWarnings" -> state.warnings();
            case "clearWarnings" -> null;
            case "close" -> {
                events.add("close statement");
                yield null;
            }
            default -> throw new UnsupportedOperationException("Statement." + method.getName() + " is not scripted");
        });
    }

    private final class StatementState {
        final Map<Integer, String> parameters = new TreeMap<>();
        String sql;
        int timeout;
        Answer answer;
        int position;
        ResultSet current;
        int updateCount = -1;

        StatementState(String preparedSql) {
            this.sql = preparedSql;
        }

        boolean execute(String direct) throws SQLException {
            if (direct != null) {
                sql = direct;
            }
            executed.add(new Executed(sql, List.copyOf(parameters.values()), timeout));
            events.add("execute " + sql + (parameters.isEmpty() ? "" : " " + parameters.values()));
            Rule rule = rules.stream().filter(r -> sql.contains(r.fragment)).findFirst()
                    .orElseThrow(() -> new AssertionError("unscripted SQL: " + sql));
            answer = rule.next();
            position = -1;
            return advance();
        }

        boolean advance() throws SQLException {
            position++;
            current = null;
            updateCount = -1;
            if (answer == null || position >= answer.steps().size()) {
                return false;
            }
            Step step = answer.steps().get(position);
            if (step instanceof Failure failure) {
                throw failure.error();
            }
            if (step instanceof UpdateCount count) {
                updateCount = count.count();
                return false;
            }
            current = resultSet(((Rows) step).rows());
            return true;
        }

        SQLWarning warnings() {
            return answer == null || answer.warnings().isEmpty() ? null : answer.warnings().get(0);
        }
    }

    private ResultSet resultSet(List<Object[]> rows) {
        int[] cursor = {-1};
        return proxy(ResultSet.class, (method, args) -> switch (method.getName()) {
            case "next" -> ++cursor[0] < rows.size();
            case "getString" -> {
                Object value = rows.get(cursor[0])[(Integer) args[0] - 1];
                yield value == null ? null : value.toString();
            }
            case "getLong" -> ((Number) rows.get(cursor[0])[(Integer) args[0] - 1]).longValue();
            case "getInt" -> ((Number) rows.get(cursor[0])[(Integer) args[0] - 1]).intValue();
            case "close" -> null;
            default -> throw new UnsupportedOperationException("ResultSet." + method.getName() + " is not scripted");
        });
    }

    @FunctionalInterface
    private interface Behaviour {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Behaviour behaviour) {
        InvocationHandler handler = (self, method, args) -> {
            switch (method.getName()) {
                case "toString":
                    return "Recording" + type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    try {
                        return behaviour.invoke(method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        };
        return type.cast(Proxy.newProxyInstance(RecordingJdbc.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static void requireNoArgs(Method method, Object[] args) {
        if (args != null && args.length > 0) {
            throw new UnsupportedOperationException(method.getName() + " with arguments is not scripted");
        }
    }
}
