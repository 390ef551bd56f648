package org.lyncrunbooks.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_DescribeEscalation}: a non-interrupting timer fired on a step that waited too long;
 * this says which step (the oldest open one of this process: the one whose timer fired), for whom, and since when,
 * so that the manager's task reads on its own. The text is local to
 * the escalation path, so two escalations never overwrite each other.
 */
@Component
class DescribeEscalationDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        Duration after = Duration.parse(RecoveryVariables.requireString(execution, RecoveryVariables.ESCALATE_AFTER));
        Instant now = Instant.now();
        Optional<Task> waiting = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list().stream()
                .filter(t -> !RecoveryProcess.USER_TASK_REVIEW_ESCALATION.equals(t.getTaskDefinitionKey()))
                .min(Comparator.comparing(Task::getCreateTime));
        String server = RecoveryVariables.optionalString(execution, RecoveryVariables.FAILED_SERVER_FQDN).orElse("?");
        String procedure = RecoveryVariables.optionalString(execution, RecoveryVariables.PROCEDURE_TITLE).orElse("");
        String summary = waiting.map(t -> "'" + t.getName() + "' for " + groups(tasks, t) + " has waited "
                        + human(Duration.between(t.getCreateTime().toInstant(), now)) + " (ready since "
                        + t.getCreateTime().toInstant() + "); " + (t.getAssignee() == null ? "nobody has claimed it"
                        : "claimed by " + t.getAssignee()) + ". Recovery of " + server + ", " + procedure + ".")
                .orElse("A step of the recovery of " + server + " waited longer than " + human(after)
                        + " and has been done since. " + procedure);
        execution.setVariableLocal(RecoveryVariables.ESCALATION_SUMMARY, summary);
    }

    private static String groups(TaskService tasks, Task task) {
        String groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).collect(Collectors.joining(", "));
        return groups.isEmpty() ? "its assignee" : groups;
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
