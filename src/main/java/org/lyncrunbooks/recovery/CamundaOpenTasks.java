package org.lyncrunbooks.recovery;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** {@link OpenTasks} from the engine's task service: the process's tasks, then the chosen one's candidate groups. */
@Component
class CamundaOpenTasks implements OpenTasks {

    private final TaskService tasks;

    CamundaOpenTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public Optional<OpenTask> oldest(String processInstanceId, String exceptTaskDefinitionKey) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).list().stream()
                .filter(t -> !exceptTaskDefinitionKey.equals(t.getTaskDefinitionKey()))
                .min(Comparator.comparing(Task::getCreateTime))
                .map(t -> new OpenTask(t.getName(), candidateGroups(t), t.getCreateTime().toInstant(), t.getAssignee()));
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }
}
