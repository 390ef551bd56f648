package org.lyncrunbooks.workflow;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser-like session on the webapps' API, as Tasklist uses it: a session cookie from the login form and the
 * CSRF token the webapps hand out in the {@code X-XSRF-TOKEN} response header, sent back on modifying requests.
 */
final class WebappSession {

    static final String ENGINE_API = "/camunda/api/engine/engine/default";

    private final String base;
    private final HttpClient http;
    private String csrfToken;

    private WebappSession(String base) {
        this.base = base;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** Logs in to Tasklist as the user and fetches the CSRF token of the new session. */
    static WebappSession login(String base, String user, String password) {
        WebappSession session = new WebappSession(base);
        session.get("/camunda/app/tasklist/default/");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", session.csrfToken == null ? "" : session.csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("webapp login of " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        session.get("/camunda/api/admin/auth/user/default");
        if (session.csrfToken == null) {
            throw new IllegalStateException("the webapps handed out no CSRF token");
        }
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET().build());
    }

    /** A JSON POST with the session's CSRF token, as Tasklist sends it. */
    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The same POST without the CSRF token: what a forged cross-site request looks like. */
    HttpResponse<String> postJsonWithoutCsrfToken(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> putJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-XSRF-TOKEN", csrfToken)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
