package org.lyncrunbooks.drift;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
    /** The delete reason of a task that a newer one replaced (history keeps it). */
    static final String SUPERSEDED = "superseded by the Topology changed task of process instance ";

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
    public int raise(String subject, String differences, String yamlToAdd, String signature) {
        String key = subject.length() > BUSINESS_KEY_LIMIT ? subject.substring(0, BUSINESS_KEY_LIMIT - 1) + "…" : subject;
        return WithoutAuthorization.read(engine, () -> {
            RuntimeService runtime = engine.getRuntimeService();
            List<String> older = runtime.createProcessInstanceQuery().processDefinitionKey(TopologyDriftProcess.KEY)
                    .list().stream().map(ProcessInstance::getId).toList();
            String raised = runtime.startProcessInstanceByKey(TopologyDriftProcess.KEY, key,
                    TopologyDriftVariables.start(differences, yamlToAdd, signature)).getId();
            for (String id : older) {
                runtime.deleteProcessInstance(id, SUPERSEDED + raised);
            }
            return older.size();
        });
    }
}
