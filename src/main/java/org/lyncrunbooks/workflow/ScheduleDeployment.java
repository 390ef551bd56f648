package org.lyncrunbooks.workflow;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * Makes a schedule process's timer follow its configured cron. The starter deploys {@code processes/} only when a file
 * changed, and the cron is resolved from an expression ({@code ${backupSchedule.cron}}) at deployment, so a changed
 * cron alone would never reach the timer. Here the schedule process is deployed once more, together with a small
 * resource holding the cron, with the engine's duplicate filter: when the cron (or the BPMN) differs from the last
 * such deployment a new version is deployed, and the engine replaces the previous version's timer by one for the new
 * cron (one timer, never two); when nothing changed nothing is deployed.
 *
 * <p>With several nodes the engine serialises deployments (its deployment lock), so two nodes starting with the
 * same new cron deploy it once. Every node must have the same cron: a node started with another one would deploy its
 * own, and the last node started would win.
 */
public final class ScheduleDeployment {

    private ScheduleDeployment() {
    }

    /**
     * Deploys {@code processes/<processKey>.bpmn} with {@code cron}, under the deployment name {@code processKey};
     * returns the deployment's id when a new one was made, else null.
     */
    public static String deploy(RepositoryService repository, String processKey, String cron) {
        Deployment before = repository.createDeploymentQuery().deploymentName(processKey)
                .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        Deployment deployment = repository.createDeployment().name(processKey)
                .enableDuplicateFiltering(false)
                .addClasspathResource("processes/" + processKey + ".bpmn")
                .addString(processKey + ".cron", cron + "\n")
                .deploy();
        return before == null || !before.getId().equals(deployment.getId()) ? deployment.getId() : null;
    }
}
