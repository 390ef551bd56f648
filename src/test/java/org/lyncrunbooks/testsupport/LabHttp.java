package org.lyncrunbooks.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The application over HTTP as the lab users see it: the REST API with HTTP Basic (every lab user's password is
 * {@code lab}), and the webapps' API with a session from the login form ({@link #webapp(String)}).
 */
public final class LabHttp {

    /** Every lab user's password. */
    public static final String PASSWORD = "lab";

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param base the application's address, e.g. {@code http://localhost:8080} */
    public LabHttp(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** A request to {@code path}, to be completed and sent with {@link #send(String, HttpRequest.Builder)}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    /** The value of an {@code Authorization} header for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String user, String path) {
        return send(user, request(path).header("Accept", "application/json").GET());
    }

    public HttpResponse<String> post(String user, String path, String json) {
        return json(user, "POST", path, json);
    }

    public HttpResponse<String> put(String user, String path, String json) {
        return json(user, "PUT", path, json);
    }

    /** A request with a JSON body (or none when {@code json} is null). */
    public HttpResponse<String> json(String user, String method, String path, String json) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(user, request);
    }

    /** Sends {@code request} as lab user {@code user} with HTTP Basic, or without credentials when it is null. */
    public HttpResponse<String> send(String user, HttpRequest.Builder request) {
        if (user != null) {
            request.header("Authorization", basic(user, PASSWORD));
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in to Tasklist as lab user {@code user} and returns the session, as Tasklist holds it. */
    public WebappSession webapp(String user) {
        return WebappSession.login(this, user, null);
    }

    /** The same, with every login request saying it comes from {@code origin} (a webapp behind a public URL). */
    public WebappSession webapp(String user, String origin) {
        return WebappSession.login(this, user, origin);
    }
}
