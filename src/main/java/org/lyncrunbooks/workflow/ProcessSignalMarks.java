package org.lyncrunbooks.workflow;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Which elements of a deployed process definition are marked {@code lync.signal} (see {@link ProcessSignals}), for
 * the read models that look at history: the end events a run succeeds or fails at, the escalation tasks. Read from
 * the deployed model once per definition (a deployed model never changes).
 */
@Component
public class ProcessSignalMarks {

    private final RepositoryService repository;
    private final Map<String, Set<String>> marked = new ConcurrentHashMap<>();

    ProcessSignalMarks(RepositoryService repository) {
        this.repository = repository;
    }

    /** The ids of the end events of the definition marked {@code kind} (succeeded, failed). */
    public Set<String> endEvents(String processDefinitionId, ProcessSignals.Kind kind) {
        return marked(processDefinitionId, kind, EndEvent.class);
    }

    /** The ids of the user tasks of the definition marked {@code escalation}. */
    public Set<String> escalationTasks(String processDefinitionId) {
        return marked(processDefinitionId, ProcessSignals.Kind.ESCALATION, UserTask.class);
    }

    private Set<String> marked(String definitionId, ProcessSignals.Kind kind, Class<? extends BaseElement> type) {
        return marked.computeIfAbsent(definitionId + "|" + kind + "|" + type.getSimpleName(), k -> {
            BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
            Set<String> ids = new HashSet<>();
            for (BaseElement element : model.getModelElementsByType(type)) {
                if (kind.name().equalsIgnoreCase(signal(element))) {
                    ids.add(element.getId());
                }
            }
            return Set.copyOf(ids);
        });
    }

    private static String signal(BaseElement element) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (ProcessSignals.PROPERTY.equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        return null;
    }
}
