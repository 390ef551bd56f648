package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Reliability scenario 10 over HTTP: two people complete the same task at once — exactly one wins, the other gets
 * 409 Conflict saying the task was already completed, by whom and when; a claim that loses gets 409 too.
 */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=10",
        "lync.lab.files-per-store=20"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskConflictIT {

    static final String PROBE = "task-conflict-probe";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;

    @BeforeAll
    void deployAProcessWithOneOperatorTask() {
        repository.createDeployment().name(PROBE).addModelInstance(PROBE + ".bpmn",
                Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1).startEvent()
                        .userTask("UserTask_Confirm").name("Confirm the probe").camundaCandidateGroups(Groups.OPERATORS)
                        .endEvent().done()).deploy();
    }

    @Test
    void theSecondCompletionOfATaskGetsAConflictNamingWhoCompletedIt() {
        String task = newTask();
        assertThat(post("lab-operator", "/task/" + task + "/claim", "{\"userId\":\"lab-operator\"}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post("lab-operator", "/task/" + task + "/complete", "{}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> again = post("lab-operator", "/task/" + task + "/complete", "{}");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("\"type\":\"TaskAlreadyCompleted\"")
                .contains("Task 'Confirm the probe' (" + task + ") was already completed by lab-operator at ")
                .contains("this request changed nothing");
        ResponseEntity<String> form = post("lab-operator", "/task/" + task + "/submit-form", "{}");
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void twoPeopleCompletingTheSameTaskAtOnceGetOneSuccessAndOneConflict() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 12; round++) {
                String task = newTask();
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<ResponseEntity<String>>> both = new ArrayList<>();
                for (String user : List.of("lab-operator", "lab-admin")) {
                    both.add(CompletableFuture.supplyAsync(() -> {
                        await(together);
                        return post(user, "/task/" + task + "/complete", "{}");
                    }, pool));
                }
                List<HttpStatus> statuses = new ArrayList<>();
                for (var response : both) {
                    ResponseEntity<String> r = response.get();
                    statuses.add(HttpStatus.valueOf(r.getStatusCode().value()));
                    if (r.getStatusCode().value() == 409) {
                        assertThat(r.getBody()).contains(task).contains("this request changed nothing");
                    }
                }
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.CONFLICT);
                assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROBE).active().count())
                        .as("the process went on once").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimingATaskSomeoneElseHasJustClaimedIsAConflict() {
        String task = newTask();
        assertThat(post("lab-operator", "/task/" + task + "/claim", "{\"userId\":\"lab-operator\"}").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> second = post("lab-admin", "/task/" + task + "/claim", "{\"userId\":\"lab-admin\"}");

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody()).contains("is already claimed by someone else");
        tasks.complete(task);
    }

    @Test
    void aTaskThatNeverExistedIsNoConflict() {
        ResponseEntity<String> response = post("lab-operator", "/task/no-such-task/complete", "{}");

        assertThat(response.getStatusCode().value()).isNotEqualTo(409);
        assertThat(response.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(response.getBody()).contains("no-such-task");
    }

    private String newTask() {
        String instance = runtime.startProcessInstanceByKey(PROBE).getId();
        Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
        return task.getId();
    }

    private ResponseEntity<String> post(String user, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "lab").postForEntity("/engine-rest" + path, new HttpEntity<>(json, headers), String.class);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
