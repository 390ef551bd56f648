package org.lyncrunbooks.drift;

import org.camunda.bpm.engine.ProcessEngine;
import org.lyncrunbooks.workflow.WithoutAuthorization;
import org.springframework.stereotype.Component;

/**
 * {@link DriftTasks} on the engine. The check runs in a backup run's job or for a person who asked for it; either way
 * the task is the engine's to start, so it is read and started without the caller's authorizations.
 */
@Component
class CamundaDriftTasks implements DriftTasks {

    /** Camunda keeps a business key of at most 255 characters. */
    private static final int BUSINESS_KEY_LIMIT = 200;

    private final ProcessEngine engine;

    CamundaDriftTasks(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public boolean openWith(String signature) {
        return WithoutAuthorization.read(engine, () -> engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(TopologyDriftProcess.KEY)
                .variableValueEquals(TopologyDriftVariables.SIGNATURE, signature)
                .count() > 0);
    }

    @Override
    public void raise(String subject, String differences, String yamlToAdd, String signature) {
        String key = subject.length() > BUSINESS_KEY_LIMIT ? subject.substring(0, BUSINESS_KEY_LIMIT - 1) + "…" : subject;
        WithoutAuthorization.read(engine, () -> engine.getRuntimeService().startProcessInstanceByKey(
                TopologyDriftProcess.KEY, key, TopologyDriftVariables.start(differences, yamlToAdd, signature)));
    }
}
