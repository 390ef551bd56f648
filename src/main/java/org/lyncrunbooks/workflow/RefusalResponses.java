package org.lyncrunbooks.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the REST API answers a refusal: with the refusal's own status (400, 404, 409, 422) and message — the same
 * words Tasklist shows, since Tasklist calls the same API — and with one WARN line naming who asked for what and
 * why it was refused, without a stack trace. The engine wraps a refusal in whatever its caller throws (a
 * {@link RestException} of status 500 around a task listener's exception, for example), so the refusal is looked
 * for among the causes.
 */
final class RefusalResponses {

    private static final Logger log = LoggerFactory.getLogger(RefusalResponses.class);
    private static final int LOGGED_MESSAGE = 600;

    private RefusalResponses() {
    }

    /** The answer to {@code thrown} when it is, or wraps, a runbook's refusal; else empty. */
    static Optional<Response> refusal(Throwable thrown, ProcessEngine engine, HttpServletRequest request) {
        return RequestRefusedException.in(thrown).map(refused -> {
            warn(refused.status().code(), refused.getMessage(), engine, request);
            return body(refused.status().code(), refused.getClass().getSimpleName(), refused.getMessage());
        });
    }

    /**
     * A request the engine REST API itself refuses with a 4xx (a value that cannot be converted to its type, a task
     * that does not exist) is a refusal too: one WARN line for a change that was refused. Reads stay quiet (Tasklist
     * polls, and a missing variable it asks for is no news).
     */
    static void clientError(RestException exception, ProcessEngine engine, HttpServletRequest request) {
        if (exception.getStatus() != null && exception.getStatus().getStatusCode() >= 400
                && exception.getStatus().getStatusCode() < 500 && request != null && !"GET".equals(request.getMethod())) {
            warn(exception.getStatus().getStatusCode(), exception.getMessage(), engine, request);
        }
    }

    static Response body(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static void warn(int status, String message, ProcessEngine engine, HttpServletRequest request) {
        Authentication user = engine == null ? null : engine.getIdentityService().getCurrentAuthentication();
        log.warn("Refused {} {} by {}: {} {}", request == null ? "?" : request.getMethod(),
                request == null ? "?" : request.getRequestURI(), user == null ? "(anonymous)" : user.getUserId(),
                status, oneLine(message));
    }

    /** The message on one line and not too long for a log. */
    static String oneLine(String message) {
        String line = String.valueOf(message).replaceAll("[\\r\\n\\t]+", " / ");
        return line.length() <= LOGGED_MESSAGE ? line : line.substring(0, LOGGED_MESSAGE) + "… ("
                + (line.length() - LOGGED_MESSAGE) + " more characters)";
    }
}
