package org.lyncrunbooks.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What every user task of every runbook does for the people working it, in one place rather than on each task of
 * each BPMN file:
 * <ul>
 *   <li>its name says what it is about: the process's business key (the failed server, the backup set) follows the
 *       task's name, "Approve data-loss window — be01.contoso.local", so that two recoveries are told apart in a
 *       task list;</li>
 *   <li>no decision is made for the person: the variables the task decides (and their reasons) are removed when
 *       it appears, so that a form never opens with an earlier answer selected;</li>
 *   <li>what is submitted is checked on completion by the capabilities' {@link TaskInputRules}, for REST callers as
 *       for Tasklist users: a missing decision, a stop without its reason or an over-long text is refused and the
 *       completion changes nothing.</li>
 * </ul>
 * The listeners are added before any other parse listener's, so that a refused completion is refused before
 * anything else reacts to it.
 */
@Component
class TaskSafetyPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TaskInputRules> rules;

    TaskSafetyPlugin(ObjectProvider<TaskInputRules> rules) {
        this.rules = rules;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPreBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPreBPMNParseListeners());
        }
        listeners.add(0, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                var definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, TaskSafetyPlugin.this::created);
                definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, TaskSafetyPlugin.this::completing);
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    private void created(DelegateTask task) {
        String subject = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
        task.setName(TaskNames.withSubject(task.getName(), subject));
        rules.orderedStream().forEach(rule -> {
            Set<String> decisions = rule.decisions(task.getTaskDefinitionKey());
            decisions.forEach(name -> task.getExecution().removeVariable(name));
        });
    }

    private void completing(DelegateTask task) {
        rules.orderedStream().forEach(rule -> rule.check(task.getTaskDefinitionKey(), task::getVariable));
    }
}
