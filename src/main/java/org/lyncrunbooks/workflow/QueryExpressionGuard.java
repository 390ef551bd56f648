package org.lyncrunbooks.workflow;

import java.lang.reflect.Field;
import java.util.List;
import java.util.TreeSet;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;

/**
 * CVE-2026-109432 inside the engine: Camunda 7.24.0 checks expressions only on the top level of a task query
 * ({@code QueryValidators.AdhocQueryValidator} and {@code StoredQueryValidator} look at
 * {@code AbstractQuery.getExpressions()} of the query they are attached to), but the or-queries built by
 * {@code TaskQuery.or()} are plain {@code new TaskQueryImpl()} without validators, and
 * {@code TaskQueryImpl.ensureOrExpressionsEvaluated()} evaluates their expressions — any bean call included.
 *
 * <p>This interceptor runs inside the command context (a custom post interceptor of the required-transaction
 * executor, so it sees nested commands too) and refuses before anything is evaluated:
 * <ul>
 * <li>a task query run through a service ({@code TaskQueryImpl} is its own command) with an expression in any
 * or-query;</li>
 * <li>a filter execution ({@code list}, {@code count}, {@code listPage}, {@code singleResult}) whose stored query
 * or extending query has an expression in an or-query;</li>
 * <li>saving a filter whose query has an expression in an or-query (even by an administrator), or any expression
 * at all unless the user is an engine administrator (stored expressions are evaluated for everybody who runs the
 * filter).</li>
 * </ul>
 */
public final class QueryExpressionGuard extends CommandInterceptor {

    static final String CVE = "CVE-2026-109432";

    private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
    private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
    private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof TaskQueryImpl query) {
            refuseOrQueryExpressions(query, "The task query");
        } else if (command instanceof AbstractExecuteFilterCmd filterCommand) {
            checkFilterExecution(filterCommand);
        } else if (command instanceof SaveFilterCmd save) {
            checkSavedFilter((Filter) read(SAVED_FILTER, save));
        }
        return next.execute(command);
    }

    /** Refuses a task query with an expression in any of its or-queries; other queries pass. */
    public static void refuseOrQueryExpressions(Object query, String what) {
        if (!(query instanceof TaskQueryImpl task)) {
            return;
        }
        List<TaskQueryImpl> queries = task.getQueries();
        TreeSet<String> found = new TreeSet<>();
        // queries.get(0) is the query itself; the rest are its or-queries
        for (TaskQueryImpl orQuery : queries.subList(1, queries.size())) {
            found.addAll(orQuery.getExpressions().keySet());
        }
        if (!found.isEmpty()) {
            throw new BadUserRequestException(what + " has expressions inside orQueries (" + describe(found)
                    + "); they are refused on this server (" + CVE + "). Use literal values in orQueries.");
        }
    }

    private void checkFilterExecution(AbstractExecuteFilterCmd command) {
        refuseOrQueryExpressions(read(EXTENDING_QUERY, command), "The extending query");
        String filterId = (String) read(FILTER_ID, command);
        CommandContext context = Context.getCommandContext();
        if (filterId != null && context != null) {
            FilterEntity filter = context.getFilterManager().findFilterById(filterId);
            if (filter != null) {
                refuseOrQueryExpressions(filter.getQuery(), "The stored query of filter '" + filter.getName() + "'");
            }
        }
    }

    private void checkSavedFilter(Filter filter) {
        if (filter == null) {
            return;
        }
        Object query = filter.getQuery();
        refuseOrQueryExpressions(query, "The filter's query");
        if (query instanceof AbstractQuery<?, ?> stored && !stored.getExpressions().isEmpty() && !isAdministrator()) {
            throw new BadUserRequestException("The filter's query has expressions ("
                    + describe(new TreeSet<>(stored.getExpressions().keySet()))
                    + "); only administrators may store expressions in filters.");
        }
    }

    private static boolean isAdministrator() {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            return true;
        }
        Authentication authentication = context.getAuthentication();
        if (authentication == null) {
            // the application itself (start-up, delegates): not a request of a user
            return true;
        }
        return context.getAuthorizationManager().isCamundaAdmin(authentication);
    }

    private static String describe(TreeSet<String> keys) {
        return "expressions for " + String.join(", ", keys);
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Camunda " + type.getSimpleName() + " has no field '" + name
                    + "': the " + CVE + " guard must be reviewed for this Camunda version", e);
        }
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
