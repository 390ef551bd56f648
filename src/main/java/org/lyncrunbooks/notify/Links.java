package org.lyncrunbooks.notify;

import org.lyncrunbooks.workflow.SecurityProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The addresses a mail links to: Tasklist's page of a task and Cockpit, below {@code lync.security.public-url}
 * (without one, this node's own {@code http://localhost:<port>}, which is right in the lab only).
 */
@Component
class Links {

    private final SecurityProperties security;
    private final Environment environment;

    Links(SecurityProperties security, Environment environment) {
        this.security = security;
        this.environment = environment;
    }

    String base() {
        String url = security.publicUrl();
        if (url == null || url.isBlank()) {
            url = "http://localhost:" + environment.getProperty("local.server.port",
                    environment.getProperty("server.port", "8080"));
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Tasklist opened on the task. */
    String task(String taskId) {
        return base() + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    /** Cockpit's start page. */
    String cockpit() {
        return base() + "/camunda/app/cockpit/default/";
    }

    /** The backup health, for a person who may see its details. */
    String backupHealth() {
        return base() + "/actuator/health/backup";
    }
}
