package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The user tasks a recovery process waits at now, as an escalation names them. */
interface OpenTasks {

    /** An open user task: its name, the groups it is offered to, since when, and who claimed it (or null). */
    record OpenTask(String name, List<String> candidateGroups, Instant createdAt, String assignee) {
    }

    /** The oldest open user task of {@code processInstanceId} that is not a {@code exceptTaskDefinitionKey} task. */
    Optional<OpenTask> oldest(String processInstanceId, String exceptTaskDefinitionKey);
}
