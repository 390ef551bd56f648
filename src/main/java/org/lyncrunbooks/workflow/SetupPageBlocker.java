package org.lyncrunbooks.workflow;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the webapps' "Camunda Setup" endpoint for good: it creates an administrator for anyone who asks while no
 * user is in camunda-admin. Administrators here come from configuration (or the lab profile), never from that page.
 */
@Configuration(proxyBeanMethods = false)
class SetupPageBlocker {

    static final String SETUP_API = "/camunda/api/admin/setup/";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> setupEndpointBlocker() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                response.sendError(HttpServletResponse.SC_FORBIDDEN,
                        "The setup of a first administrator is disabled: administrators come from lync.security.admin.*");
            }
        });
        registration.setName("lync-setup-blocker");
        registration.addUrlPatterns(SETUP_API + "*");
        registration.setOrder(1);
        return registration;
    }
}
