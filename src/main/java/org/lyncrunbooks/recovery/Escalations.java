package org.lyncrunbooks.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * What an escalation tells the manager: which step waited too long (the oldest open one of the process: the one
 * whose timer fired), for whom, since when, and who has claimed it — so that the manager's task reads on its own.
 */
@Component
class Escalations {

    private final OpenTasks tasks;
    private final Clock clock;

    Escalations(OpenTasks tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * The summary for an escalation in process instance {@code processInstanceId} of the recovery of {@code server}.
     *
     * @param after how long a step may wait ({@code lync.recovery.escalate-after})
     */
    String describe(String processInstanceId, String server, String procedure, Duration after) {
        Instant now = clock.instant();
        return tasks.oldest(processInstanceId, RecoveryProcess.USER_TASK_REVIEW_ESCALATION)
                .map(t -> "'" + t.name() + "' for " + (t.candidateGroups().isEmpty() ? "its assignee"
                        : String.join(", ", t.candidateGroups())) + " has waited "
                        + human(Duration.between(t.createdAt(), now)) + " (ready since " + t.createdAt() + "); "
                        + (t.assignee() == null ? "nobody has claimed it" : "claimed by " + t.assignee())
                        + ". Recovery of " + server + ", " + procedure + ".")
                .orElse("A step of the recovery of " + server + " waited longer than " + human(after)
                        + " and has been done since. " + procedure);
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
