package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webapps as they run behind a TLS proxy at {@code lync.security.public-url}: Secure cookies, HSTS, and the
 * CSRF target origin refusing a modifying request from another site even with a valid session and token.
 * (Cookies are handled by hand: an HTTP client would rightly not send a Secure cookie over plain HTTP.)
 */
// closed after the class: its job executor and worker would otherwise keep polling while later ITs run
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // inline: WebSecurityDefaults reads it while the environment is prepared, before dynamic properties exist
        properties = "lync.security.public-url=" + WebHardeningIT.PUBLIC_URL)
class WebHardeningIT {

    static final String PUBLIC_URL = "https://lync-runbooks.contoso.local";
    static final Path WORK = createWork();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lync.lab.directory", () -> WORK.resolve("lab").toString());
        registry.add("lync.lab.users-per-pool", () -> "10");
        registry.add("lync.lab.files-per-store", () -> "20");
        registry.add("lync.backup.root", () -> WORK.resolve("backups").toString());
        registry.add("lync.backup.worker.enabled", () -> "false");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:web-hardening-it;DB_CLOSE_DELAY=-1");
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void cookiesAreSecureAndHstsIsSentWhenServedOverTls() throws Exception {
        HttpResponse<String> app = send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET(), null);
        assertThat(app.headers().firstValue("Strict-Transport-Security")).get().asString().contains("max-age=");
        assertThat(setCookies(app)).filteredOn(c -> c.startsWith("XSRF-TOKEN=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsPattern("(?i);\\s*Secure"));

        Session session = login(app);
        assertThat(session.setCookies).filteredOn(c -> c.startsWith("JSESSIONID=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsPattern("(?i);\\s*Secure").containsPattern("(?i);\\s*HttpOnly"));
    }

    @Test
    void aModifyingWebappRequestFromAnotherOriginIsRefusedEvenWithSessionAndToken() throws Exception {
        Session session = login(send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).GET(), null));
        long before = runtime.createProcessInstanceQuery().processDefinitionKey("lync-backup-cycle").count();
        String start = WebappSession.ENGINE_API + "/process-definition/key/lync-backup-cycle/start";

        HttpResponse<String> forged = session.postJson(start, "https://evil.example");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> noOrigin = session.postJson(start, null);
        assertThat(noOrigin.statusCode()).as("neither Origin nor Referer").isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("lync-backup-cycle").count()).isEqualTo(before);

        HttpResponse<String> own = session.postJson(WebappSession.ENGINE_API + "/task/count", PUBLIC_URL);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    private Session login(HttpResponse<String> first) throws Exception {
        String cookies = cookieHeader(setCookies(first));
        String token = first.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .header("X-XSRF-TOKEN", token).header("Origin", PUBLIC_URL)
                .POST(HttpRequest.BodyPublishers.ofString("username=lab-operator&password=lab")), null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        List<String> loginCookies = setCookies(login);
        String sessionCookies = cookieHeader(loginCookies);
        HttpResponse<String> user = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
                .header("Cookie", sessionCookies).GET(), null);
        String sessionToken = user.headers().firstValue("X-XSRF-TOKEN").orElse(token);
        return new Session(sessionCookies, sessionToken, loginCookies);
    }

    final class Session {
        final String cookies;
        final String token;
        final List<String> setCookies;

        Session(String cookies, String token, List<String> setCookies) {
            this.cookies = cookies;
            this.token = token;
            this.setCookies = setCookies;
        }

        HttpResponse<String> postJson(String path, String origin) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("Cookie", cookies).header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            return send(request, origin);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String origin) throws IOException, InterruptedException {
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }

    private static String cookieHeader(List<String> setCookies) {
        return setCookies.stream().map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; "));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Path createWork() {
        try {
            return Files.createTempDirectory("web-hardening-it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
