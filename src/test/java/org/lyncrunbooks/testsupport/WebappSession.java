package org.lyncrunbooks.testsupport;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser-like session on the webapps' API, as Tasklist uses it: the session cookie from the login form and the
 * CSRF token the webapps hand out in the {@code X-XSRF-TOKEN} response header, sent back on modifying requests.
 * Cookies are kept by hand and sent back whatever their flags: an HTTP client would rightly not send a
 * {@code Secure} cookie over plain HTTP, which is how the tests reach a webapp configured for TLS behind a proxy.
 */
public final class WebappSession {

    /** The engine API the webapps call. */
    public static final String ENGINE_API = "/camunda/api/engine/engine/default";

    private final LabHttp http;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private HttpResponse<String> entry;
    private List<String> loginCookies;

    private WebappSession(LabHttp http) {
        this.http = http;
    }

    static WebappSession login(LabHttp http, String user, String origin) {
        WebappSession session = new WebappSession(http);
        session.entry = session.get("/camunda/app/tasklist/default/");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(LabHttp.PASSWORD, StandardCharsets.UTF_8);
        HttpRequest.Builder request = http.request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", session.csrfToken == null ? "" : session.csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<String> login = session.send(request);
        if (login.statusCode() != 200) {
            throw new IllegalStateException("webapp login of " + user + " answered " + login.statusCode() + ": " + login.body());
        }
        session.loginCookies = login.headers().allValues("Set-Cookie");
        session.get("/camunda/api/admin/auth/user/default");
        if (session.csrfToken == null) {
            throw new IllegalStateException("the webapps handed out no CSRF token");
        }
        return session;
    }

    /** The answer to the first request, for Tasklist's page, before the login. */
    public HttpResponse<String> entry() {
        return entry;
    }

    /** The {@code Set-Cookie} headers of the login's answer. */
    public List<String> loginCookies() {
        return loginCookies;
    }

    public HttpResponse<String> get(String path) {
        return send(http.request(path).header("Accept", "application/json").GET());
    }

    /** A JSON POST with the session's CSRF token, as Tasklist sends it. */
    public HttpResponse<String> postJson(String path, String json) {
        return postJson(path, json, null);
    }

    /** The same, saying it comes from {@code origin} (none when null). */
    public HttpResponse<String> postJson(String path, String json, String origin) {
        HttpRequest.Builder request = http.request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-XSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    /** The same POST without the CSRF token: what a forged cross-site request looks like. */
    public HttpResponse<String> postJsonWithoutCsrfToken(String path, String json) {
        return send(http.request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> putJson(String path, String json) {
        return send(http.request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-XSRF-TOKEN", csrfToken)
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrfToken = token);
        return response;
    }
}
