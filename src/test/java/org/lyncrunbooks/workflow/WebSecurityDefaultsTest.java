package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebSecurityDefaultsTest {

    @Test
    void withoutPublicUrlOrTlsNothingChangesSoTheLabOnHttpLocalhostKeepsWorking() {
        assertThat(WebSecurityDefaults.derive(null, false)).isEmpty();
        assertThat(WebSecurityDefaults.derive("  ", false)).isEmpty();
    }

    @Test
    void anHttpsPublicUrlSetsTheCsrfOriginSecureCookiesAndHsts() {
        assertThat(WebSecurityDefaults.derive("https://Lync-Runbooks.contoso.local/", false))
                .containsEntry("camunda.bpm.webapp.csrf.target-origin", "https://lync-runbooks.contoso.local")
                .containsEntry("server.servlet.session.cookie.secure", "true")
                .containsEntry("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true")
                .containsEntry("camunda.bpm.webapp.csrf.enable-secure-cookie", "true")
                .containsEntry("camunda.bpm.webapp.header-security.hsts-disabled", "false")
                .containsEntry("server.forward-headers-strategy", "native");
    }

    @Test
    void tlsOnTheServerItselfSecuresCookiesWithoutTrustingForwardedHeaders() {
        assertThat(WebSecurityDefaults.derive(null, true))
                .containsEntry("server.servlet.session.cookie.secure", "true")
                .containsEntry("camunda.bpm.webapp.header-security.hsts-disabled", "false")
                .doesNotContainKey("server.forward-headers-strategy")
                .doesNotContainKey("camunda.bpm.webapp.csrf.target-origin");
        assertThat(WebSecurityDefaults.derive("https://runbooks.contoso.local:8443", true))
                .containsEntry("camunda.bpm.webapp.csrf.target-origin", "https://runbooks.contoso.local:8443")
                .doesNotContainKey("server.forward-headers-strategy");
    }

    @Test
    void anHttpPublicUrlSetsTheOriginButNoSecureCookies() {
        assertThat(WebSecurityDefaults.derive("http://runbooks.lab:8080", false))
                .containsOnlyKeys("camunda.bpm.webapp.csrf.target-origin")
                .containsEntry("camunda.bpm.webapp.csrf.target-origin", "http://runbooks.lab:8080");
    }

    @Test
    void aPublicUrlThatIsNotAnOriginStopsStartUpWithTheReason() {
        assertThatThrownBy(() -> WebSecurityDefaults.derive("lync-runbooks.contoso.local", false))
                .hasMessageContaining("lync.security.public-url").hasMessageContaining("must start with https://");
        assertThatThrownBy(() -> WebSecurityDefaults.derive("ftp://x.contoso.local", false)).hasMessageContaining("https://");
        assertThatThrownBy(() -> WebSecurityDefaults.derive("https://x.contoso.local/camunda", false))
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> WebSecurityDefaults.derive("https://admin:pw@x.contoso.local", false))
                .hasMessageContaining("no path, user");
        assertThatThrownBy(() -> WebSecurityDefaults.derive("https://x .local", false)).hasMessageContaining("is not a URL");
    }
}
