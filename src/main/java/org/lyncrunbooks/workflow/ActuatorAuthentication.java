package org.lyncrunbooks.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets monitoring read the health details it is entitled to: a request to {@code /actuator/*} with valid HTTP Basic
 * credentials carries the user as its principal and the user's groups as its roles, which is what
 * {@code show-details: when-authorized} with {@code roles: lync-managers, lync-administrators} checks. Without
 * credentials the health endpoints answer with the status alone; wrong credentials get 401.
 *
 * <p>The metrics ({@code /actuator/prometheus}) need credentials of a member of {@code lync-managers},
 * {@code lync-administrators} or {@code lync-monitoring}: 401 without, 403 for anyone else.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorAuthentication {

    static final String METRICS = "/actuator/prometheus";
    static final List<String> METRICS_READERS = List.of(Groups.MANAGERS, Groups.ADMINISTRATORS, Groups.MONITORING);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> actuatorAuthenticationFilter(IdentityService identity) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                String header = request.getHeader("Authorization");
                boolean metrics = request.getRequestURI().substring(request.getContextPath().length()).startsWith(METRICS);
                if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                    if (metrics) {
                        response.setHeader("WWW-Authenticate", "Basic realm=\"lync-runbooks\"");
                        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "the metrics need HTTP Basic credentials");
                        return;
                    }
                    chain.doFilter(request, response);
                    return;
                }
                String user = null;
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon > 0 && identity.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                        user = decoded.substring(0, colon);
                    }
                } catch (IllegalArgumentException e) {
                    user = null;
                }
                if (user == null) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"lync-runbooks\"");
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "wrong user name or password");
                    return;
                }
                String name = user;
                Set<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
                        .collect(Collectors.toUnmodifiableSet());
                if (metrics && METRICS_READERS.stream().noneMatch(groups::contains)) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "the metrics are for " + String.join(", ", METRICS_READERS)
                            + " only");
                    return;
                }
                chain.doFilter(new HttpServletRequestWrapper(request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> name;
                    }

                    @Override
                    public String getRemoteUser() {
                        return name;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return groups.contains(role);
                    }
                }, response);
            }
        });
        registration.setName("lync-actuator-authentication");
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(6);
        return registration;
    }
}
