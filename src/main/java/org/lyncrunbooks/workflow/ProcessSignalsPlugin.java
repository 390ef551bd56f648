package org.lyncrunbooks.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Delivers {@link ProcessSignals} for every process deployed: a task listener on every user task and an execution
 * listener on every start and end event marked {@code lync.signal}, added while the BPMN is parsed, and the engine's
 * incident handlers for failed jobs and external tasks, which also signal. A signal is
 * captured inside the engine's transaction (names and ids only) and delivered after it committed, so that a step
 * that rolls back (a failed job, a refused completion) signals nothing.
 */
@Component
class ProcessSignalsPlugin extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignalsPlugin.class);
    private static final Namespace CAMUNDA = new Namespace("http://camunda.org/schema/1.0/bpmn");

    private final ObjectProvider<ProcessSignals> receivers;

    ProcessSignalsPlugin(ObjectProvider<ProcessSignals> receivers) {
        this.receivers = receivers;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                boolean escalation = kind(element) == ProcessSignals.Kind.ESCALATION;
                ProcessDefinitionEntity process = (ProcessDefinitionEntity) activity.getProcessDefinition();
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, task -> created(task, process.getKey(),
                        process.getName(), escalation));
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                mark(element, activity, ExecutionListener.EVENTNAME_END);
            }

            @Override
            public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                mark(element, activity, ExecutionListener.EVENTNAME_START);
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);

        List<IncidentHandler> handlers = new ArrayList<>();
        if (configuration.getCustomIncidentHandlers() != null) {
            handlers.addAll(configuration.getCustomIncidentHandlers());
        }
        for (String type : List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE)) {
            if (handlers.stream().noneMatch(h -> type.equals(h.getIncidentHandlerType()))) {
                handlers.add(new DefaultIncidentHandler(type) {
                    @Override
                    public Incident handleIncident(IncidentContext context, String message) {
                        Incident incident = super.handleIncident(context, message);
                        raised(incident);
                        return incident;
                    }
                });
            }
        }
        configuration.setCustomIncidentHandlers(handlers);
    }

    private void raised(Incident incident) {
        if (incident.getProcessInstanceId() == null) {
            return;
        }
        ProcessDefinitionEntity process = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(incident.getProcessDefinitionId());
        ActivityImpl activity = incident.getActivityId() == null ? null : process.findActivity(incident.getActivityId());
        Object activityName = activity == null ? null : activity.getProperty("name");
        ExecutionEntity instance = Context.getCommandContext().getExecutionManager()
                .findExecutionById(incident.getProcessInstanceId());
        String businessKey = instance == null ? null : instance.getBusinessKey();
        ProcessSignals.IncidentRaised raised = new ProcessSignals.IncidentRaised(incident.getId(), process.getKey(),
                process.getName(), incident.getProcessInstanceId(), businessKey, incident.getActivityId(),
                activityName == null ? incident.getActivityId() : activityName.toString(), Instant.now());
        afterCommit(receiver -> receiver.incidentRaised(raised));
    }

    private void mark(Element element, ActivityImpl activity, String event) {
        ProcessSignals.Kind kind = kind(element);
        if (kind == null || kind == ProcessSignals.Kind.ESCALATION) {
            return;
        }
        ProcessDefinitionEntity process = (ProcessDefinitionEntity) activity.getProcessDefinition();
        String name = element.attribute("name", activity.getId());
        activity.addListener(event, (ExecutionListener) execution -> reached(execution, kind, process.getKey(),
                process.getName(), activity.getId(), name));
    }

    /** The value of the element's {@code lync.signal} extension property, or null. */
    static ProcessSignals.Kind kind(Element element) {
        Element extensions = element.element("extensionElements");
        if (extensions == null) {
            return null;
        }
        for (Element properties : extensions.elementsNS(CAMUNDA, "properties")) {
            for (Element property : properties.elements("property")) {
                if (ProcessSignals.PROPERTY.equals(property.attribute("name"))) {
                    ProcessSignals.Kind kind = ProcessSignals.Kind.of(property.attribute("value"));
                    if (kind == null) {
                        throw new IllegalArgumentException("element " + element.attribute("id") + ": " + ProcessSignals.PROPERTY
                                + " must be one of started, succeeded, failed, escalation, not '" + property.attribute("value") + "'");
                    }
                    return kind;
                }
            }
        }
        return null;
    }

    private void created(DelegateTask task, String processDefinitionKey, String processName, boolean escalation) {
        List<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId).distinct().toList();
        String businessKey = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        ProcessSignals.TaskCreated created = new ProcessSignals.TaskCreated(task.getId(), task.getName(),
                task.getTaskDefinitionKey(), processDefinitionKey, processName, task.getProcessInstanceId(), businessKey,
                groups, escalation, instant(task.getCreateTime()));
        afterCommit(receiver -> receiver.taskCreated(created));
    }

    private void reached(DelegateExecution execution, ProcessSignals.Kind kind, String processDefinitionKey,
                         String processName, String activityId, String activityName) {
        var history = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
                .getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId())
                .singleResult());
        Instant started = history == null || history.getStartTime() == null ? null : history.getStartTime().toInstant();
        Instant at = Instant.now();
        DelegateExecution instance = execution.getProcessInstance();
        String processInstanceId = execution.getProcessInstanceId();
        // read when the transaction has committed: a start event is left before the first step sets the business key
        afterCommit(receiver -> receiver.processSignal(new ProcessSignals.ProcessSignal(kind, processDefinitionKey,
                processName, processInstanceId, instance.getProcessBusinessKey(), activityId, activityName, started, at)));
    }

    private void afterCommit(Consumer<ProcessSignals> delivery) {
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                context -> receivers.orderedStream().forEach(receiver -> {
                    try {
                        delivery.accept(receiver);
                    } catch (RuntimeException e) {
                        LOG.warn("{} failed to take a process signal: {}", receiver.getClass().getSimpleName(), e.toString());
                    }
                }));
    }

    private static Instant instant(Date date) {
        return date == null ? Instant.now() : date.toInstant();
    }
}
