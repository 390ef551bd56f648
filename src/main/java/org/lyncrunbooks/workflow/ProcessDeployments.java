package org.lyncrunbooks.workflow;

import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * Deployments a capability makes itself, beside the starter's deployment of {@code processes/} (which deploys
 * only when a file changed).
 */
@Component
public class ProcessDeployments {

    private final RepositoryService repository;

    ProcessDeployments(RepositoryService repository) {
        this.repository = repository;
    }

    /**
     * Deploys {@code bpmnResource} (a classpath resource) with a small text resource beside it, under the deployment
     * name {@code name}, with the engine's duplicate filter: a new version is deployed only when the BPMN or the text
     * differs from the last deployment of that name. With several nodes the engine serialises deployments (its
     * deployment lock), so two nodes deploying the same change deploy it once.
     *
     * @return the new deployment's id, or empty when nothing changed and nothing was deployed
     */
    public Optional<String> deployIfChanged(String name, String bpmnResource, String textName, String text) {
        Deployment before = repository.createDeploymentQuery().deploymentName(name)
                .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        Deployment deployment = repository.createDeployment().name(name)
                .enableDuplicateFiltering(false)
                .addClasspathResource(bpmnResource)
                .addString(textName, text)
                .deploy();
        return before == null || !before.getId().equals(deployment.getId())
                ? Optional.of(deployment.getId()) : Optional.empty();
    }
}
