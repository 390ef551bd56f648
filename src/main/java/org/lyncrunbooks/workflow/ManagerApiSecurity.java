package org.lyncrunbooks.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read the manager's views ({@code /api/manager/*}): members of {@code lync-managers} and administrators,
 * logged in either to the Camunda webapps (the Cockpit pages call the API with the webapp session, so there is no
 * second login) or with HTTP Basic (scripts). Operators may read the backup catalog ({@code backup-sets}: they
 * start backups and follow them) and a recovery's report (they review it), not the recovery timeline. Anyone else
 * gets 401 (no or wrong credentials) or 403. The engine's queries then run as that user, with the user's
 * authorizations.
 */
@Configuration(proxyBeanMethods = false)
class ManagerApiSecurity {

    static final String MANAGER_API = RestSecurityConfiguration.API_PATH + "/manager";
    /** Set on a request this filter authenticated, so the API's Basic filter lets it through. */
    static final String AUTHENTICATED = ManagerApiSecurity.class.getName() + ".authenticated";
    private static final String ENGINE = "default";
    private static final List<String> ALLOWED = List.of(Groups.MANAGERS, Groups.ADMINISTRATORS, Groups.CAMUNDA_ADMIN);
    private static final List<String> ALLOWED_WITH_OPERATORS = List.of(Groups.MANAGERS, Groups.ADMINISTRATORS,
            Groups.CAMUNDA_ADMIN, Groups.OPERATORS);

    /** The groups that may read {@code path} (below {@code /api/manager}). */
    static List<String> allowed(String path) {
        return path.startsWith(MANAGER_API + "/backup-sets") || path.matches(MANAGER_API + "/recoveries/[^/]+/report/?")
                ? ALLOWED_WITH_OPERATORS : ALLOWED;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> managerApiAuthentication(IdentityService identity) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(identity));
        registration.setName("lync-manager-api-authentication");
        registration.addUrlPatterns(MANAGER_API + "/*");
        registration.setOrder(5);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {
        private final IdentityService identity;

        Filter(IdentityService identity) {
            this.identity = identity;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String user = webappUser(request);
            if (user == null) {
                user = basicUser(request);
            }
            if (user == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"lync-runbooks\"");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                        "log in to Cockpit or send HTTP Basic credentials of a manager or administrator");
                return;
            }
            List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
            List<String> allowed = allowed(request.getRequestURI().substring(request.getContextPath().length()));
            if (groups.stream().noneMatch(allowed::contains)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, allowed.contains(Groups.OPERATORS)
                        ? "this is for " + Groups.OPERATORS + ", " + Groups.MANAGERS + " and " + Groups.ADMINISTRATORS + " only"
                        : "the recovery timeline is for " + Groups.MANAGERS + " and " + Groups.ADMINISTRATORS + " only");
                return;
            }
            identity.setAuthentication(user, groups);
            request.setAttribute(AUTHENTICATED, user);
            try {
                chain.doFilter(request, response);
            } finally {
                identity.clearAuthentication();
            }
        }

        /** The user logged in to the Camunda webapps in this session, if any. */
        private static String webappUser(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            if (session == null) {
                return null;
            }
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication authentication = authentications == null ? null
                    : authentications.getAuthenticationForProcessEngine(ENGINE);
            return authentication == null ? null : authentication.getName();
        }

        /** The user of valid HTTP Basic credentials, if the request has them. */
        private String basicUser(HttpServletRequest request) {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String user = decoded.substring(0, colon);
            return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
        }
    }
}
