package org.lyncrunbooks.workflow;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic authentication on the whole REST API ({@code /engine-rest}) and on the application's own API
 * ({@code /api}): without it anyone who reaches the port can deploy code (toolchain fact 5). Only {@code GET /engine-rest/engine}, which lists engine names for health
 * checks, stays open. Authorizations are enabled in {@code application.yaml}.
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfiguration {

    static final String REST_PATH = "/engine-rest";
    /** The application's own API (lab controls, catalog, reports): the same login as the engine's REST API. */
    public static final String API_PATH = "/api";
    /** The webapps' API (Tasklist, Cockpit, Admin call the engine through it with the session and CSRF token). */
    static final String WEBAPP_API_PATH = "/camunda/api";

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineListOpenFilter());
        registration.setName("lync-rest-authentication");
        registration.addUrlPatterns(REST_PATH + "/*", API_PATH + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.setOrder(10);
        return registration;
    }

    /** CVE-2026-109432 and Java-serialized variables: answered 400 before Camunda reads them. */
    @Bean
    FilterRegistrationBean<HostileRequestFilter> hostileRequestFilter() {
        FilterRegistrationBean<HostileRequestFilter> registration = new FilterRegistrationBean<>(new HostileRequestFilter());
        registration.setName("lync-hostile-requests");
        registration.addUrlPatterns(REST_PATH + "/*", WEBAPP_API_PATH + "/*");
        registration.setOrder(20);
        return registration;
    }

    /** The engine's own filter, except for the engine list. */
    static final class EngineListOpenFilter extends ProcessEngineAuthenticationFilter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (http.getAttribute(ManagerApiSecurity.AUTHENTICATED) != null) {
                // the manager's API authenticated it already, from the webapp session or HTTP Basic
                chain.doFilter(request, response);
                return;
            }
            String path = http.getRequestURI().substring(http.getContextPath().length());
            if ("GET".equals(http.getMethod()) && (path.equals(REST_PATH + "/engine") || path.equals(REST_PATH + "/engine/"))) {
                chain.doFilter(request, response);
                return;
            }
            super.doFilter(request, response, chain);
        }
    }
}
