package org.lyncrunbooks.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refusals and conflicts on the REST API answered as what they are, not as {@code 500}: a runbook's refusal with its
 * own status and message ({@link RefusalResponses}); and reliability scenario 10: when two people complete (or claim) the same task at the same moment,
 * one wins and the other gets {@code 409 Conflict} with a message saying what happened, instead of the engine
 * REST API's {@code 500}. The engine wraps what went wrong on {@code POST /task/{id}/complete} and
 * {@code /submit-form} into a {@link RestException}: an {@link OptimisticLockingException} when both were
 * inside the engine at once, "cannot find task" when the other one had already committed. Either way the task's
 * history says who completed it and when. Everything else is left to the engine REST API's own handlers.
 */
@Configuration(proxyBeanMethods = false)
class TaskConflictMappers {

    @Bean
    ResourceConfigCustomizer taskConflictMappersCustomizer(ProcessEngine engine) {
        // Jersey picks the mapper of the lower priority value among those for the same exception type
        return config -> register(config, engine);
    }

    /** Registers the mappers on a JAX-RS application: the engine REST API, and the webapps' API Tasklist calls. */
    static void register(ResourceConfig config, ProcessEngine engine) {
        config.register(new CompleteConflictMapper(engine), PREFERRED)
                .register(new LostRaceAuthorizationMapper(engine), PREFERRED)
                .register(new LostRaceRuntimeMapper(engine), PREFERRED)
                .register(new RefusalMapper(engine), PREFERRED)
                .register(new OptimisticLockingMapper())
                .register(new AlreadyClaimedMapper());
    }

    private static final int PREFERRED = Priorities.USER - 100;
    private static final Pattern TASK_ACTION = Pattern.compile("^/?task/([^/]+)/(complete|submit-form|resolve)/?$");

    /** The task id when the request completes a task, else null. */
    static String completedTaskId(UriInfo uriInfo) {
        Matcher action = uriInfo == null ? null : TASK_ACTION.matcher(uriInfo.getPath());
        return action != null && action.matches() ? action.group(1) : null;
    }

    /**
     * 409 when the task was completed by someone else meanwhile, else null. Looked up without the caller's
     * authorizations: a DBA may work a task without being allowed to read process history.
     */
    static Response alreadyCompleted(ProcessEngine engine, String taskId) {
        if (taskId == null) {
            return null;
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        HistoricTaskInstance history = configuration.getCommandExecutorTxRequired().execute(context ->
                context.runWithoutAuthorization(() -> engine.getTaskService().createTaskQuery().taskId(taskId).count() > 0 ? null
                        : engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult()));
        if (history == null || history.getEndTime() == null) {
            return null;
        }
        return conflict("TaskAlreadyCompleted", "Task '" + history.getName() + "' (" + taskId + ") was already "
                + "completed" + (history.getAssignee() == null ? "" : " by " + history.getAssignee()) + " at "
                + history.getEndTime().toInstant() + "; this request changed nothing. Reload the task list.");
    }

    static Response conflict(String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** Preferred over the engine REST API's {@link RestExceptionHandler}, which it falls back to. */
    @Priority(PREFERRED)
    static final class CompleteConflictMapper implements ExceptionMapper<RestException> {

        private final ProcessEngine engine;
        private final RestExceptionHandler fallback = new RestExceptionHandler();

        @Context
        private UriInfo uriInfo;
        @Context
        private HttpServletRequest request;

        CompleteConflictMapper(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(RestException exception) {
            Optional<Response> refused = RefusalResponses.refusal(exception, engine, request);
            if (refused.isPresent()) {
                return refused.get();
            }
            String taskId = completedTaskId(uriInfo);
            if (taskId != null && exception.getCause() instanceof ProcessEngineException cause) {
                Response completed = alreadyCompleted(engine, taskId);
                if (completed != null) {
                    return completed;
                }
                if (cause instanceof OptimisticLockingException) {
                    return conflict("OptimisticLockingException", "Task " + taskId + " was changed by someone else at "
                            + "the same moment; this request changed nothing. Reload the task and try again.");
                }
            }
            RefusalResponses.clientError(exception, engine, request);
            return fallback.toResponse(exception);
        }
    }

    /**
     * The loser of a race can also see the task's authorizations vanish under it (they are deleted with the task)
     * and be refused: that is a conflict too, not a 403. Other refusals stay 403.
     */
    @Priority(PREFERRED)
    static final class LostRaceAuthorizationMapper implements ExceptionMapper<AuthorizationException> {

        private final ProcessEngine engine;
        private final ProcessEngineExceptionHandler fallback = new ProcessEngineExceptionHandler();

        @Context
        private UriInfo uriInfo;

        LostRaceAuthorizationMapper(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(AuthorizationException exception) {
            Response completed = alreadyCompleted(engine, completedTaskId(uriInfo));
            return completed != null ? completed : fallback.toResponse(exception);
        }
    }

    /**
     * The engine itself can fail with a plain runtime exception when the winner commits between the loser's reads
     * (the task still found, its execution already gone). On a task completion that is a conflict too; anything
     * else goes to the engine REST API's catch-all handler as before.
     */
    @Priority(PREFERRED)
    static final class LostRaceRuntimeMapper implements ExceptionMapper<RuntimeException> {

        private final ProcessEngine engine;
        private final ExceptionHandler fallback = new ExceptionHandler();

        @Context
        private UriInfo uriInfo;
        @Context
        private HttpServletRequest request;

        LostRaceRuntimeMapper(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(RuntimeException exception) {
            Optional<Response> refused = RefusalResponses.refusal(exception, engine, request);
            if (refused.isPresent()) {
                return refused.get();
            }
            Response completed = exception instanceof WebApplicationException ? null
                    : alreadyCompleted(engine, completedTaskId(uriInfo));
            return completed != null ? completed : fallback.toResponse(exception);
        }
    }

    /**
     * An engine exception that wraps a runbook's refusal (a task listener's, a delegate's) is answered as the refusal;
     * anything else goes to the engine REST API's own handler as before.
     */
    @Priority(PREFERRED)
    static final class RefusalMapper implements ExceptionMapper<ProcessEngineException> {

        private final ProcessEngine engine;
        private final ProcessEngineExceptionHandler fallback = new ProcessEngineExceptionHandler();

        @Context
        private HttpServletRequest request;

        RefusalMapper(ProcessEngine engine) {
            this.engine = engine;
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return RefusalResponses.refusal(exception, engine, request).orElseGet(() -> fallback.toResponse(exception));
        }
    }

    /** Any other request that lost a race inside the engine (claim, variables): 409 instead of 500. */
    static final class OptimisticLockingMapper implements ExceptionMapper<OptimisticLockingException> {
        @Override
        public Response toResponse(OptimisticLockingException exception) {
            return conflict("OptimisticLockingException", "Someone else changed the same object at the same moment; "
                    + "this request changed nothing. Reload and try again.");
        }
    }

    /** Claiming a task another person has just claimed. */
    static final class AlreadyClaimedMapper implements ExceptionMapper<TaskAlreadyClaimedException> {

        @Override
        public Response toResponse(TaskAlreadyClaimedException exception) {
            return conflict("TaskAlreadyClaimedException", exception.getMessage());
        }
    }
}
