package org.lyncrunbooks.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** {@link RestoredInstances} on the engine's runtime: held instances carry the variable {@value #HELD}. */
@Component
class CamundaRestoredInstances implements RestoredInstances {

    /** Set on each root instance the bootstrap held: the set it was restored from. */
    static final String HELD = "lyncBootstrapHeldFromSet";
    /** The engine property that records the set whose reviews were started. */
    static final String REVIEWS_STARTED = "lync.bootstrap.reviews-started";

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TaskService tasks;
    private final ManagementService management;

    CamundaRestoredInstances(RuntimeService runtime, RepositoryService repository, TaskService tasks,
                             ManagementService management) {
        this.runtime = runtime;
        this.repository = repository;
        this.tasks = tasks;
        this.management = management;
    }

    @Override
    public List<Held> heldWithoutReview() {
        List<Held> held = new ArrayList<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().suspended().rootProcessInstances()
                .variableValueLike(HELD, "%").list()) {
            boolean reviewed = runtime.createProcessInstanceQuery().processDefinitionKey(BootstrapProcess.KEY)
                    .variableValueEquals(BootstrapVariables.RESTORED_INSTANCE_ID, instance.getId()).count() > 0;
            if (!reviewed) {
                var definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
                held.add(new Held(instance.getId(), definition.getKey(),
                        definition.getName() == null ? definition.getKey() : definition.getName(),
                        instance.getBusinessKey(), state(instance.getId())));
            }
        }
        return held;
    }

    /** Where the instance and what it called stood: the activities waiting, and the open tasks with their groups. */
    private String state(String rootId) {
        List<String> lines = new ArrayList<>();
        for (String id : tree(rootId)) {
            ActivityInstance activities = runtime.getActivityInstance(id);
            if (activities != null) {
                leaves(activities, lines);
            }
            for (Task task : tasks.createTaskQuery().processInstanceId(id).list()) {
                lines.add("open task: " + task.getName() + (task.getAssignee() == null ? "" : " (claimed by "
                        + task.getAssignee() + ")"));
            }
        }
        return lines.isEmpty() ? "no activity is waiting" : String.join("\n", lines);
    }

    private static void leaves(ActivityInstance instance, List<String> lines) {
        if (instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0) {
            lines.add("waiting at: " + (instance.getActivityName() == null ? instance.getActivityId()
                    : instance.getActivityName()));
            return;
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            leaves(child, lines);
        }
        for (var transition : instance.getChildTransitionInstances()) {
            lines.add("about to run: " + (transition.getActivityName() == null ? transition.getActivityId()
                    : transition.getActivityName()));
        }
    }

    /** The instance and every instance it called, callers first. */
    private List<String> tree(String rootId) {
        List<String> ids = new ArrayList<>();
        ids.add(rootId);
        for (int i = 0; i < ids.size(); i++) {
            for (ProcessInstance child : runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()) {
                ids.add(child.getId());
            }
        }
        return ids;
    }

    @Override
    public void startReview(Map<String, Object> variables, String businessKey) {
        runtime.startProcessInstanceByKey(BootstrapProcess.KEY, businessKey, variables);
    }

    @Override
    public void resume(String instanceId) {
        for (String id : tree(instanceId)) {
            runtime.updateProcessInstanceSuspensionState().byProcessInstanceId(id).activate();
        }
    }

    @Override
    public void cancel(String instanceId, String reason) {
        runtime.deleteProcessInstance(instanceId, reason, true);
    }

    @Override
    public boolean reviewsStarted(String setId) {
        return setId.equals(management.getProperties().get(REVIEWS_STARTED));
    }

    @Override
    public void markReviewsStarted(String setId) {
        management.setProperty(REVIEWS_STARTED, setId);
    }
}
