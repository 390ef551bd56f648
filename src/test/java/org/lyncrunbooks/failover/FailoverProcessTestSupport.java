package org.lyncrunbooks.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/** Drives the failover and failback processes in process tests: jobs, tasks worked as a user, how they ended. */
final class FailoverProcessTestSupport {

    private FailoverProcessTestSupport() {
    }

    /** Runs every due job until none is left. */
    static void runJobs(ProcessEngine engine) {
        for (int round = 0; round < 50; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(j -> engine.getManagementService().executeJob(j.getId()));
        }
        throw new AssertionError("jobs kept coming");
    }

    /** The one open task with that definition key. */
    static Task task(ProcessEngine engine, String key) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().taskDefinitionKey(key).list();
        assertThat(tasks).as("open task %s", key).hasSize(1);
        return tasks.get(0);
    }

    /** Completes the task as {@code user} with the given name/value pairs, then runs the jobs. */
    static void complete(ProcessEngine engine, String key, String user, Object... keyValues) {
        Task task = task(engine, key);
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            variables.put((String) keyValues[i], keyValues[i + 1]);
        }
        engine.getIdentityService().setAuthenticatedUserId(user);
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        runJobs(engine);
    }

    /** The end events reached. */
    static List<String> ended(ProcessEngine engine) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().activityType("noneEndEvent").list()
                .stream().map(HistoricActivityInstance::getActivityId).toList();
    }
}
