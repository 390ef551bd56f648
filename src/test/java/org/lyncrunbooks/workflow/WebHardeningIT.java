package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.lyncrunbooks.testsupport.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The webapps as they run behind a TLS proxy at {@code lync.security.public-url}: Secure cookies, HSTS, and the
 * CSRF target origin refusing a modifying request from another site even with a valid session and token.
 * ({@link WebappSession} keeps cookies by hand: an HTTP client would rightly not send a Secure cookie over plain HTTP.)
 */
// closed after the class: its job executor and worker would otherwise keep polling while later ITs run
@DirtiesContext
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // inline: WebSecurityDefaults reads it while the environment is prepared, before dynamic properties exist
        "lync.security.public-url=" + WebHardeningIT.PUBLIC_URL,
        "lync.lab.users-per-pool=10",
        "lync.lab.files-per-store=20",
        "lync.backup.worker.enabled=false"})
class WebHardeningIT {

    static final String PUBLIC_URL = "https://lync-runbooks.contoso.local";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;

    @Test
    void cookiesAreSecureAndHstsIsSentWhenServedOverTls() {
        WebappSession session = http().webapp("lab-operator", PUBLIC_URL);
        HttpResponse<String> app = session.entry();
        assertThat(app.headers().firstValue("Strict-Transport-Security")).get().asString().contains("max-age=");
        assertThat(setCookies(app)).filteredOn(c -> c.startsWith("XSRF-TOKEN=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsPattern("(?i);\\s*Secure"));

        assertThat(session.loginCookies()).filteredOn(c -> c.startsWith("JSESSIONID=")).isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsPattern("(?i);\\s*Secure").containsPattern("(?i);\\s*HttpOnly"));
    }

    @Test
    void aModifyingWebappRequestFromAnotherOriginIsRefusedEvenWithSessionAndToken() {
        WebappSession session = http().webapp("lab-operator", PUBLIC_URL);
        long before = runtime.createProcessInstanceQuery().processDefinitionKey("lync-backup-cycle").count();
        String start = WebappSession.ENGINE_API + "/process-definition/key/lync-backup-cycle/start";

        HttpResponse<String> forged = session.postJson(start, "{}", "https://evil.example");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> noOrigin = session.postJson(start, "{}");
        assertThat(noOrigin.statusCode()).as("neither Origin nor Referer").isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("lync-backup-cycle").count()).isEqualTo(before);

        HttpResponse<String> own = session.postJson(WebappSession.ENGINE_API + "/task/count", "{}", PUBLIC_URL);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    private LabHttp http() {
        return new LabHttp("http://localhost:" + port);
    }

    private static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }
}
