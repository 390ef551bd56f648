package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine API the webapps call ({@code /camunda/api/engine/*}: Tasklist starts processes and completes tasks
 * through it) with the same refusal and conflict answers as {@code /engine-rest} ({@link TaskConflictMappers}), so
 * that Tasklist shows a refusal's own words and a refused completion is logged as one WARN line there too. The
 * Camunda webapp initializer registers this servlet only when no servlet of its name exists: this one is
 * registered first, with Camunda's own resources and providers plus the mappers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(EngineRestApplication.class)
@ConditionalOnProperty(prefix = "camunda.bpm.webapp", name = "enabled", havingValue = "true", matchIfMissing = true)
class WebappEngineApi {

    /** The servlet name Camunda's {@code CamundaBpmWebappInitializer} registers the webapps' engine API under. */
    static final String SERVLET_NAME = "Engine Api";

    @Bean
    ServletRegistrationBean<ServletContainer> webappEngineApiServlet(ObjectProvider<ProcessEngine> engine,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath) {
        ResourceConfig config = new ResourceConfig().registerClasses(new EngineRestApplication().getClasses());
        TaskConflictMappers.register(config, engine.getObject());
        ServletRegistrationBean<ServletContainer> registration = new ServletRegistrationBean<>(
                new ServletContainer(config), applicationPath + "/api/engine/*");
        registration.setName(SERVLET_NAME);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
