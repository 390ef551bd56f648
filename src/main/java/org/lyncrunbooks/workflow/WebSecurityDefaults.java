package org.lyncrunbooks.workflow;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Webapp hardening derived from two settings, so that an operator sets the address once:
 * <ul>
 * <li>{@code lync.security.public-url} (e.g. {@code https://lync-runbooks.contoso.local}): the address people
 * use. Its origin becomes the webapps' CSRF target origin ({@code camunda.bpm.webapp.csrf.target-origin}), so a
 * modifying request whose {@code Origin}/{@code Referer} is another site is refused.</li>
 * <li>TLS — {@code server.ssl.enabled=true} or an {@code https} public URL (TLS ended at a proxy): session and
 * CSRF cookies are {@code Secure}, the webapps send {@code Strict-Transport-Security}, and behind a proxy the
 * forwarded protocol is honoured from the proxies Tomcat trusts by default (private addresses).</li>
 * </ul>
 * Without either (the lab on {@code http://localhost}) nothing changes. Anything set explicitly wins: these are
 * defaults with the lowest precedence. A public URL that is not an absolute http(s) origin stops start-up.
 */
public class WebSecurityDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String PUBLIC_URL = "lync.security.public-url";
    static final String SOURCE = "lyncWebSecurityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = derive(environment.getProperty(PUBLIC_URL),
                "true".equalsIgnoreCase(environment.getProperty("server.ssl.enabled")));
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
        }
    }

    /** The derived properties for a public URL (may be blank) and whether the server itself speaks TLS. */
    static Map<String, Object> derive(String publicUrl, boolean serverSsl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        boolean tls = serverSsl;
        if (publicUrl != null && !publicUrl.isBlank()) {
            URI uri = origin(publicUrl.trim());
            properties.put("camunda.bpm.webapp.csrf.target-origin", uri.toString());
            tls |= "https".equals(uri.getScheme());
            if ("https".equals(uri.getScheme()) && !serverSsl) {
                properties.put("server.forward-headers-strategy", "native");
            }
        }
        if (tls) {
            properties.put("server.servlet.session.cookie.secure", "true");
            properties.put("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true");
            properties.put("camunda.bpm.webapp.csrf.enable-secure-cookie", "true");
            properties.put("camunda.bpm.webapp.header-security.hsts-disabled", "false");
        }
        return properties;
    }

    private static URI origin(String publicUrl) {
        URI uri;
        try {
            uri = new URI(publicUrl);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(PUBLIC_URL + " '" + publicUrl + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalStateException(PUBLIC_URL + " '" + publicUrl
                    + "' must start with https:// (or http:// without TLS), e.g. https://lync-runbooks.contoso.local");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null
                || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
            throw new IllegalStateException(PUBLIC_URL + " '" + publicUrl
                    + "' must be just the origin people use: scheme, host name and optional port, no path, user or query");
        }
        try {
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 2;
    }
}
