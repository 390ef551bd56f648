package org.lyncrunbooks.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lyncrunbooks.workflow.ProcessSignals;
import org.springframework.stereotype.Component;

/**
 * Which process signals become which mail: an incident to {@code failureGroups}; a task to its candidate groups with a link that opens it in Tasklist
 * (an escalation also to {@code runGroups}); a failed run to {@code failureGroups}; the start and successful end of
 * an announced process (recoveries, failovers) to {@code runGroups}. The successful end of any other run goes to the
 * webhook only, where it resolves what the run's earlier events opened.
 */
@Component
class MailNotifications implements ProcessSignals {

    private final Notifications outbox;
    private final Links links;
    private final NotifyProperties.Mail properties;

    MailNotifications(Notifications outbox, Links links, NotifyProperties properties) {
        this.outbox = outbox;
        this.links = links;
        this.properties = properties.mail();
    }

    @Override
    public void taskCreated(TaskCreated task) {
        List<String> groups = new ArrayList<>(task.candidateGroups());
        if (task.escalation()) {
            properties.runGroups().stream().filter(g -> !groups.contains(g)).forEach(groups::add);
        }
        if (groups.isEmpty()) {
            return;
        }
        String subject = (task.escalation() ? "Escalation: " : "Task: ") + task.taskName();
        MailText body = new MailText(task.escalation()
                ? "A step has waited too long and needs a decision."
                : "A task waits for " + String.join(" or ", task.candidateGroups()) + ".")
                .row("Task", task.taskName())
                .row("Process", processName(task.processDefinitionName(), task.processDefinitionKey()))
                .row("For", task.businessKey())
                .row("Created", task.createdAt())
                .link("Open the task in Tasklist", links.task(task.taskId()));
        outbox.submit(new Notification("task:" + task.taskId(), task.escalation() ? "escalation" : "task-created", groups,
                subject, body.text(), body.html(), task.processInstanceId(), false, links.task(task.taskId())));
    }

    @Override
    public void processSignal(ProcessSignal signal) {
        String process = processName(signal.processDefinitionName(), signal.processDefinitionKey());
        String subject;
        String headline;
        List<String> groups;
        switch (signal.kind()) {
            case FAILED -> {
                subject = "Failed: " + process + subject(signal.businessKey()) + " — " + signal.activityName();
                headline = process + " ended without reaching its goal: " + signal.activityName() + ".";
                groups = properties.failureGroups();
            }
            case STARTED, SUCCEEDED -> {
                boolean announced = properties.announcedProcesses().contains(signal.processDefinitionKey());
                boolean started = signal.kind() == Kind.STARTED;
                if (started && !announced) {
                    return;
                }
                subject = (started ? "Started: " : "Finished: ") + process + subject(signal.businessKey());
                headline = process + (started ? " started." : " finished: " + signal.activityName() + ".");
                // a run that is not announced is not mailed; its success still resolves what the webhook opened for it
                groups = announced ? properties.runGroups() : List.of();
            }
            default -> {
                return;
            }
        }
        MailText body = new MailText(headline)
                .row("Process", process)
                .row("For", signal.businessKey())
                .row("Started", signal.startedAt())
                .row(signal.kind() == Kind.STARTED ? "At" : "Ended", signal.at());
        if (signal.kind() != Kind.STARTED && signal.startedAt() != null) {
            body.row("Took", Duration.between(signal.startedAt(), signal.at()).withNanos(0).toString().substring(2).toLowerCase());
        }
        body.link("Cockpit", links.cockpit());
        outbox.submit(new Notification(signal.kind().name().toLowerCase() + ":" + signal.processInstanceId() + ":"
                + signal.activityId(), "process-" + signal.kind().name().toLowerCase(), groups, subject, body.text(), body.html(),
                signal.processInstanceId(), signal.kind() == Kind.SUCCEEDED, links.cockpit()));
    }

    @Override
    public void incidentRaised(IncidentRaised incident) {
        String process = processName(incident.processDefinitionName(), incident.processDefinitionKey());
        String subject = "Incident: " + process + subject(incident.businessKey()) + " — " + incident.activityName();
        MailText body = new MailText(process + " stands still at '" + incident.activityName()
                + "': it failed after its retries and waits until someone resolves the incident in Cockpit.")
                .row("Process", process)
                .row("For", incident.businessKey())
                .row("Step", incident.activityName())
                .row("At", incident.at())
                .link("Cockpit", links.cockpit());
        outbox.submit(new Notification("incident:" + incident.incidentId(), "incident", properties.failureGroups(), subject,
                body.text(), body.html(), incident.processInstanceId(), false, links.cockpit()));
    }

    private static String processName(String name, String key) {
        return name == null || name.isBlank() ? key : name;
    }

    private static String subject(String businessKey) {
        return businessKey == null || businessKey.isBlank() ? "" : " " + businessKey;
    }
}
