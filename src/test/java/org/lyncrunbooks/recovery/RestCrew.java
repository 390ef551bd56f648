package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The people of a lab recovery working through the REST API, each as their own lab user: the operator, the DBA and
 * the manager each see only the tasks offered to their group, claim one, read what it shows, and complete it with
 * what the lab made true ({@link LabCrew#answer}). Nothing goes through the engine's Java API but watching whether
 * the recovery ended.
 */
public final class RestCrew {

    record Person(String user, String group) {
    }

    static final List<Person> PEOPLE = List.of(new Person("lab-operator", "lync-operators"),
            new Person("lab-dba", "lync-dba"), new Person("lab-manager", "lync-managers"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An open task as its person sees it over REST. */
    public record OpenTask(String id, String key, String name, Person person) {
    }

    private final TestRestTemplate rest;
    private final HistoryService history;

    RestCrew(TestRestTemplate rest, HistoryService history) {
        this.rest = rest;
        this.history = history;
    }

    /** The crew of an application in another JVM: whether a recovery ended is read over REST too, as a manager. */
    public RestCrew(TestRestTemplate rest) {
        this(rest, null);
    }

    /** Starts a recovery of {@code fqdn} as the operator (through REST) and returns its process instance id. */
    public String start(String fqdn) {
        String body = "{\"variables\":{\"failedServerFqdn\":{\"value\":\"" + fqdn + "\"},\"backupSetId\":{\"value\":\"\"},"
                + "\"incidentReference\":{\"value\":\"INC-4711\"}}}";
        ResponseEntity<String> started = exchange("lab-operator", HttpMethod.POST,
                "/engine-rest/process-definition/key/" + RecoveryProcess.KEY + "/start", body);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        return json(started.getBody()).get("id").asText();
    }

    /**
     * Starts a pool recovery of {@code poolFqdn} as the operator (through REST), with {@code more} start variables
     * (name, text value, …); returns the response as it came.
     */
    public ResponseEntity<String> startPool(String poolFqdn, String... more) {
        ObjectNode variables = JSON.createObjectNode();
        variables.putObject("poolFqdn").put("value", poolFqdn);
        variables.putObject("incidentReference").put("value", "INC-4712");
        for (int i = 0; i < more.length; i += 2) {
            variables.putObject(more[i]).put("value", more[i + 1]);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("variables", variables);
        return exchange("lab-operator", HttpMethod.POST, "/engine-rest/process-definition/key/" + RecoveryProcess.Pool.KEY
                + "/start", body.toString());
    }

    /**
     * Works the recovery's tasks until it ends; {@code beforeWork} sees each task first. Returns the keys of the tasks
     * worked, in order. {@code fqdn} is the business key of the recovery's tasks, or several, comma-separated (a pool
     * recovery's: the pool and its servers).
     */
    public List<String> workToTheEnd(String fqdn, String recoveryId, Duration perTask, Consumer<OpenTask> beforeWork) {
        List<String> worked = new ArrayList<>();
        for (int step = 0; step < 120; step++) {
            Optional<OpenTask> next = await().atMost(perTask).pollInterval(Duration.ofMillis(250))
                    .until(() -> nextTask(fqdn, recoveryId), o -> o != null);
            if (next.isEmpty()) {
                return worked;
            }
            beforeWork.accept(next.get());
            work(next.get());
            worked.add(next.get().key());
        }
        throw new AssertionError("recovery " + recoveryId + " of " + fqdn + " still has tasks after 120 steps: " + worked);
    }

    /**
     * The first open task offered to one of the people's groups for the server (their Tasklist's group filter; a
     * manager may read other groups' tasks but not work them); empty when the recovery ended; null while neither.
     */
    private Optional<OpenTask> nextTask(String fqdn, String recoveryId) {
        for (Person person : PEOPLE) {
            ResponseEntity<String> list = exchange(person.user(), HttpMethod.GET,
                    "/engine-rest/task?" + (fqdn.contains(",") ? "processInstanceBusinessKeyIn=" : "processInstanceBusinessKey=")
                            + fqdn + "&candidateGroup=" + person.group()
                            + "&sortBy=created&sortOrder=asc", null);
            assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);
            JsonNode tasks = json(list.getBody());
            if (!tasks.isEmpty()) {
                JsonNode t = tasks.get(0);
                return Optional.of(new OpenTask(t.get("id").asText(), t.get("taskDefinitionKey").asText(),
                        t.get("name").asText(), person));
            }
        }
        return ended(recoveryId) ? Optional.empty() : null;
    }

    /** Claims the task as its person, reads its variables and completes it with the lab's answer. */
    void work(OpenTask task) {
        String user = task.person().user();
        JsonNode variables = variables(task);
        Map<String, Object> answer = LabCrew.answer(task.key(), name -> {
            JsonNode v = variables.get(name);
            return v == null || v.get("value").isNull() ? null : v.get("value").asText();
        });
        ResponseEntity<String> claimed = exchange(user, HttpMethod.POST, "/engine-rest/task/" + task.id() + "/claim",
                "{\"userId\":\"" + user + "\"}");
        assertThat(claimed.getStatusCode().value()).as("claim %s: %s", task.key(), claimed.getBody()).isEqualTo(204);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode values = body.putObject("variables");
        answer.forEach((name, value) -> {
            ObjectNode v = values.putObject(name);
            if (value == null) {
                v.putNull("value").put("type", "Null");
            } else if (value instanceof Boolean b) {
                v.put("value", b).put("type", "Boolean");
            } else {
                v.put("value", String.valueOf(value)).put("type", "String");
            }
        });
        ResponseEntity<String> completed = exchange(user, HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete",
                body.toString());
        assertThat(completed.getStatusCode().value()).as("complete %s as %s: %s", task.key(), user, completed.getBody())
                .isIn(200, 204);
    }

    /** The task's variables as its person reads them over REST. */
    JsonNode variables(OpenTask task) {
        ResponseEntity<String> response = exchange(task.person().user(), HttpMethod.GET,
                "/engine-rest/task/" + task.id() + "/variables?deserializeValues=false", null);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json(response.getBody());
    }

    public boolean ended(String processInstanceId) {
        if (history == null) {
            ResponseEntity<String> read = exchange("lab-manager", HttpMethod.GET,
                    "/engine-rest/history/process-instance/" + processInstanceId, null);
            return read.getStatusCode().value() == 200 && !json(read.getBody()).path("endTime").isNull()
                    && json(read.getBody()).has("endTime");
        }
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return pi != null && pi.getEndTime() != null;
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "lab").exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
