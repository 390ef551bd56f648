package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine's history holds of one recovery — its own process instance and every procedure process it
 * called — as the recovery report reads it.
 */
interface RecoveryHistory {

    /** A process instance of the recovery: the recovery itself or a procedure it called. */
    record Instance(String id, String processDefinitionKey, String startUserId) {
    }

    /** A value a variable took, and when. */
    record VariableUpdate(String name, Object value, Instant at) {
    }

    /** A user task of the recovery, open or done. */
    record Task(String id, String processInstanceId, String executionId, String activityInstanceId,
                String taskDefinitionKey, String name, String assignee, Instant startedAt, Instant endedAt) {
    }

    /** A service task that ran. */
    record Activity(String activityId, String name, Instant startedAt, Instant endedAt) {
    }

    /** The recovery's process instances (its root is {@code recoveryId}). */
    List<Instance> instances(String recoveryId);

    /** Every user task of the recovery and the processes it called. */
    List<Task> tasks(String recoveryId);

    /** The finished service tasks of one process instance. */
    List<Activity> finishedServiceTasks(String processInstanceId);

    /** When the task was first claimed, or null. */
    Instant firstClaim(String taskId);

    /** Who completed the task, when a person did. */
    Optional<String> completedBy(String taskId);

    /** The groups the task was offered to. */
    List<String> candidateGroups(String taskId);

    /** The variables the completion of the task in {@code activityInstanceId} set (the form's values). */
    Map<String, Object> variablesSetBy(String activityInstanceId);

    /** Every value the variables {@code names} took in these process instances. */
    List<VariableUpdate> updates(List<String> processInstanceIds, java.util.Set<String> names);

    /** A variable of one execution, as text. */
    Optional<String> text(String processInstanceId, String executionId, String name);
}
