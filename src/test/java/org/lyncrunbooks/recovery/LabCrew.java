package org.lyncrunbooks.recovery;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

/**
 * The people of a lab recovery, for tests that run one through the engine API: whoever's group a task is offered to
 * claims it as that group's lab user, answers what the lab makes true (the certificate the lab issued, SQL Server
 * 2012, the same FQDN) and completes it.
 */
public final class LabCrew {

    private final TaskService tasks;
    private final IdentityService identity;
    private final HistoryService history;

    public LabCrew(TaskService tasks, IdentityService identity, HistoryService history) {
        this.tasks = tasks;
        this.identity = identity;
        this.history = history;
    }

    /**
     * Works the recovery's tasks one after another until the recovery ends (returns empty) or a task with the key
     * {@code stopAt} is open (returns it, not worked). {@code beforeWork} sees each task before it is worked.
     */
    public Optional<Task> workUntil(String fqdn, String recoveryId, String stopAt, Duration perTask, Consumer<Task> beforeWork) {
        for (int step = 0; step < 40; step++) {
            Optional<Task> next = await().atMost(perTask).pollInterval(Duration.ofMillis(200)).until(() -> {
                List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(fqdn).list();
                return open.isEmpty() ? (ended(recoveryId) ? Optional.<Task>empty() : null) : Optional.of(open.get(0));
            }, o -> o != null);
            if (next.isEmpty() || next.get().getTaskDefinitionKey().equals(stopAt)) {
                return next;
            }
            beforeWork.accept(next.get());
            work(next.get());
        }
        throw new AssertionError("recovery " + recoveryId + " of " + fqdn + " still has tasks after 40 steps");
    }

    /** Works every task until the recovery ends. */
    public void workToTheEnd(String fqdn, String recoveryId, Duration perTask) {
        workUntil(fqdn, recoveryId, null, perTask, task -> { });
    }

    public boolean ended(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    /** One person takes the task offered to their group, does the work (the lab does it for them) and completes it. */
    public void work(Task task) {
        String group = tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(g -> g != null).findFirst().orElseThrow();
        String user = userOf(group);
        Map<String, Object> answer = answer(task.getTaskDefinitionKey(), name -> tasks.getVariable(task.getId(), name));
        identity.setAuthentication(user, List.of(group));
        try {
            tasks.claim(task.getId(), user);
            tasks.complete(task.getId(), answer);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The lab user who works the tasks offered to {@code group}. */
    static String userOf(String group) {
        return switch (group) {
            case "lync-dba" -> "lab-dba";
            case "lync-managers" -> "lab-manager";
            default -> "lab-operator";
        };
    }

    /**
     * What the person answers in the task {@code taskKey}: what the lab made true (the certificate the lab CA issued and
     * put into the task, SQL Server 2012, the same FQDN); {@code variable} reads the task's variables.
     */
    static Map<String, Object> answer(String taskKey, Function<String, Object> variable) {
        Map<String, Object> answer = new HashMap<>();
        switch (taskKey) {
            case "UserTask_ApproveDataLossWindow" -> answer.put("dataLossApproved", true);
            case "UserTask_PrepareCleanServer" -> {
                answer.put("sameFqdnConfirmed", true);
                answer.put("serverIpAddress", null);
                answer.put("outOfScopeReviewed", true);
            }
            case "UserTask_PrepareFileShare" -> answer.put("outOfScopeReviewed", true);
            case "UserTask_RestoreCertificates" -> {
                answer.put("certificateThumbprint", variable.apply("certificateThumbprint"));
                answer.put("certificatePem", variable.apply("certificatePem"));
                if (variable.apply("externalCertificatePem") != null) {
                    answer.put("externalCertificateThumbprint", variable.apply("externalCertificateThumbprint"));
                    answer.put("externalCertificatePem", variable.apply("externalCertificatePem"));
                }
            }
            case "UserTask_InstallSqlServer" -> answer.put("sqlVersionInstalled", "2012");
            case "UserTask_ResolveSqlInstance" -> answer.put("sqlInstanceResolution", "rebuild-server");
            case "UserTask_ConfirmServicesAndSignIn" -> {
                answer.put("servicesConfirmed", true);
                answer.put("signInConfirmed", true);
                answer.put("testUserSipUri", "sip:user0001@lab.contoso.local");
            }
            default -> {
                // DownloadTopology, RunDeploymentWizard, PrepareFileShare, ReviewRecoveryReport: confirm only
            }
        }
        return answer;
    }
}
