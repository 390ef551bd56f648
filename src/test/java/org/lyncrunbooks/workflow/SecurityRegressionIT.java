package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.lyncrunbooks.testsupport.LabHttp;
import org.lyncrunbooks.testsupport.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The security regressions (reliability scenario 11 and CVE-2026-109432) against the real application over HTTP,
 * as the lab users. Every test fails if an attack gets through. {@link RestSecurityIT} covers the group
 * permissions (deployment by operators, managers and DBAs refused; managers cannot change authorizations).
 */
// closed after the class: its job executor and worker would otherwise keep polling while later ITs run
@DirtiesContext
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=10",
        "lync.lab.files-per-store=20",
        "lync.backup.worker.enabled=false"})
@Import(SecurityRegressionIT.Probe.class)
class SecurityRegressionIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** An expression with a side effect: a bean call that counts. If it ever runs, the count says so. */
    static final String BEAN_CALL = "${expressionProbe.hit()}";
    static final String CVE = "CVE-2026-109432";

    /** Counts its calls; the name is what an attacker would put into an expression. */
    public static class ExpressionProbe {
        final AtomicInteger hits = new AtomicInteger();

        public String hit() {
            hits.incrementAndGet();
            return "lab-manager";
        }
    }

    @TestConfiguration
    static class Probe {
        @Bean
        ExpressionProbe expressionProbe() {
            return new ExpressionProbe();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ExpressionProbe probe;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;
    @Autowired
    IdentityService identity;
    @Autowired
    DataSource dataSource;

    LabHttp http;
    String managersTaskId;

    @BeforeEach
    void client() {
        http = new LabHttp("http://localhost:" + port);
    }

    @BeforeEach
    void probeProcess() {
        if (repository.createProcessDefinitionQuery().processDefinitionKey("security-probe").count() == 0) {
            repository.createDeployment().name("security-probe")
                    .addClasspathResource("security/security-probe.bpmn").deploy();
        }
        String instance = runtime.startProcessInstanceByKey("security-probe").getId();
        managersTaskId = tasks.createTaskQuery().processInstanceId(instance).singleResult().getId();
        probe.hits.set(0);
    }

    // ---------------------------------------------------------------- CVE-2026-109432: or-queries with expressions

    static List<String> attacks() {
        return List.of(
                "{\"orQueries\":[{\"assigneeExpression\":\"" + BEAN_CALL + "\"}]}",
                "{\"orQueries\":[{\"candidateUser\":\"x\"},{\"dueAfterExpression\":\"" + BEAN_CALL + "\"}]}",
                "{\"orQueries\":[{\"candidateGroupsExpression\":\"" + BEAN_CALL + "\"}]}",
                "{\"orQueries\":[{\"processInstanceBusinessKeyExpression\":\"" + BEAN_CALL + "\"}]}",
                "{\"orQueries\":[{\"followUpBeforeOrNotExistentExpression\":\"" + BEAN_CALL + "\"}]}",
                // an escaped name is the same name to a JSON parser
                "{\"\\u006frQueries\":[{\"assigneeExpression\":\"" + BEAN_CALL + "\"}]}",
                "{\"orQueries\":[{\"AssigneeExpression\":\"" + BEAN_CALL + "\"}]}");
    }

    @Test
    void taskQueriesWithExpressionsInOrQueriesAreRefusedByTheRestApi() {
        for (String attack : attacks()) {
            for (String user : List.of("lab-admin", "lab-operator", "lab-manager")) {
                assertRefusedAsCve(http.post(user, "/engine-rest/task", attack), attack);
                assertRefusedAsCve(http.post(user, "/engine-rest/task?firstResult=0&maxResults=10", attack), attack);
                assertRefusedAsCve(http.post(user, "/engine-rest/task/count", attack), attack);
            }
        }
        // GET takes no orQueries parameter in 7.24; one that tries is refused all the same
        String query = URLEncoder.encode("[{\"assigneeExpression\":\"" + BEAN_CALL + "\"}]", StandardCharsets.UTF_8);
        assertRefusedAsCve(http.get("lab-operator", "/engine-rest/task?orQueries=" + query), "GET orQueries");
        assertRefusedAsCve(http.get("lab-operator", "/engine-rest/task/count?orQueries=" + query), "GET orQueries");
        assertThat(probe.hits).as("the expression never ran").hasValue(0);
    }

    @Test
    void filterExecutionWithAnExtendingOrQueryExpressionIsRefused() {
        String filterId = filterNamed(TasklistFilters.MY_GROUPS).getId();
        for (String attack : attacks()) {
            for (String user : List.of("lab-admin", "lab-operator")) {
                for (String op : List.of("list", "count", "singleResult")) {
                    assertRefusedAsCve(http.post(user, "/engine-rest/filter/" + filterId + "/" + op, attack), op + " " + attack);
                }
            }
        }
        assertThat(probe.hits).hasValue(0);
    }

    @Test
    void filtersWithExpressionsInOrQueriesCannotBeStoredEvenByAnAdministrator() throws Exception {
        long before = filters.createFilterQuery().count();
        for (String attack : attacks()) {
            String create = "{\"resourceType\":\"Task\",\"name\":\"mallory\",\"owner\":\"lab-admin\",\"query\":" + attack + "}";
            assertRefusedAsCve(http.post("lab-admin", "/engine-rest/filter/create", create), create);
        }
        assertThat(filters.createFilterQuery().count()).isEqualTo(before);

        Filter mine = filterNamed(TasklistFilters.MY_TASKS);
        String storedQuery = ((FilterEntity) mine).getQueryInternal();
        for (String attack : attacks()) {
            String update = "{\"resourceType\":\"Task\",\"name\":\"" + TasklistFilters.MY_TASKS + "\",\"query\":" + attack + "}";
            assertRefusedAsCve(http.put("lab-admin", "/engine-rest/filter/" + mine.getId(), update), update);
        }
        assertThat(((FilterEntity) filterNamed(TasklistFilters.MY_TASKS)).getQueryInternal()).isEqualTo(storedQuery);
        assertThat(probe.hits).hasValue(0);
    }

    @Test
    void theEngineRefusesOrQueryExpressionsOnItsOwnWhateverTheWayIn() {
        // the servlet filter is the first line; this is the second: the engine itself, through its services
        identity.setAuthentication("lab-admin", List.of(Groups.ADMINISTRATORS, Groups.CAMUNDA_ADMIN));
        try {
            TaskQuery adhoc = tasks.createTaskQuery().or().taskAssigneeExpression(BEAN_CALL).endOr();
            assertThatThrownBy(adhoc::list).isInstanceOf(BadUserRequestException.class).hasMessageContaining(CVE)
                    .hasMessageContaining("taskAssignee");
            assertThatThrownBy(adhoc::count).isInstanceOf(BadUserRequestException.class).hasMessageContaining(CVE);
            assertThatThrownBy(() -> adhoc.listPage(0, 5)).isInstanceOf(BadUserRequestException.class);
            assertThatThrownBy(adhoc::singleResult).isInstanceOf(BadUserRequestException.class);
            TaskQuery due = tasks.createTaskQuery().or().taskCandidateGroup("lync-operators").dueAfterExpression(BEAN_CALL).endOr();
            assertThatThrownBy(due::list).isInstanceOf(BadUserRequestException.class).hasMessageContaining("dueAfter");

            String filterId = filterNamed(TasklistFilters.MY_GROUPS).getId();
            TaskQuery extending = tasks.createTaskQuery().or().taskAssigneeExpression(BEAN_CALL).endOr();
            assertThatThrownBy(() -> filters.list(filterId, extending)).isInstanceOf(BadUserRequestException.class)
                    .hasMessageContaining(CVE);
            assertThatThrownBy(() -> filters.count(filterId, extending)).isInstanceOf(BadUserRequestException.class);
            assertThatThrownBy(() -> filters.singleResult(filterId, extending)).isInstanceOf(BadUserRequestException.class);
            assertThatThrownBy(() -> filters.listPage(filterId, extending, 0, 5)).isInstanceOf(BadUserRequestException.class);

            Filter stored = filters.newTaskFilter("mallory").setQuery(
                    tasks.createTaskQuery().or().taskAssigneeExpression(BEAN_CALL).endOr());
            assertThatThrownBy(() -> filters.saveFilter(stored)).isInstanceOf(BadUserRequestException.class)
                    .hasMessageContaining(CVE);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(probe.hits).hasValue(0);
    }

    @Test
    void aFilterThatAlreadyHoldsAnOrQueryExpressionInTheDatabaseIsRefusedWhenRun() throws Exception {
        // as if stored before the fix: written straight into ACT_RU_FILTER
        Filter harmless = filters.newTaskFilter("stored-before-the-fix").setQuery(
                tasks.createTaskQuery().or().taskAssignee("lab-manager").endOr());
        filters.saveFilter(harmless);
        var converter = FilterEntity.queryConverter.get("Task");
        @SuppressWarnings("unchecked")
        String hostile = ((org.camunda.bpm.engine.impl.json.JsonObjectConverter<Object>) converter)
                .toJsonObject(tasks.createTaskQuery().or().taskAssigneeExpression(BEAN_CALL).endOr()).toString();
        assertThat(hostile).contains(BEAN_CALL);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE ACT_RU_FILTER SET QUERY_ = ? WHERE ID_ = ?")) {
            update.setString(1, hostile);
            update.setString(2, harmless.getId());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        for (String op : List.of("list", "count")) {
            assertRefusedAsCve(http.get("lab-admin", "/engine-rest/filter/" + harmless.getId() + "/" + op), op);
            assertRefusedAsCve(http.post("lab-admin", "/engine-rest/filter/" + harmless.getId() + "/" + op, "{}"), op);
        }
        // Camunda's REST singleResult replaces every engine message with its own, but it is refused all the same
        assertThat(http.get("lab-admin", "/engine-rest/filter/" + harmless.getId() + "/singleResult").statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> filters.singleResult(harmless.getId())).hasMessageContaining(CVE);
        assertThat(probe.hits).hasValue(0);
    }

    @Test
    void tasklistsApiRefusesOrQueryExpressionsWithTheSessionAndCsrfToken() {
        WebappSession tasklist = http.webapp("lab-operator");
        // the session and token work: a plain query is answered
        assertThat(tasklist.postJson(WebappSession.ENGINE_API + "/task", "{}").statusCode()).isEqualTo(200);
        String filterId = filterNamed(TasklistFilters.MY_GROUPS).getId();
        for (String attack : attacks()) {
            assertRefusedAsCve(tasklist.postJson(WebappSession.ENGINE_API + "/task", attack), attack);
            assertRefusedAsCve(tasklist.postJson(WebappSession.ENGINE_API + "/task/count", attack), attack);
            for (String op : List.of("list", "count", "singleResult")) {
                assertRefusedAsCve(tasklist.postJson(WebappSession.ENGINE_API + "/filter/" + filterId + "/" + op, attack), op);
            }
        }
        WebappSession admin = http.webapp("lab-admin");
        Filter mine = filterNamed(TasklistFilters.MY_TASKS);
        for (String attack : attacks()) {
            assertRefusedAsCve(admin.postJson(WebappSession.ENGINE_API + "/filter/create",
                    "{\"resourceType\":\"Task\",\"name\":\"mallory\",\"query\":" + attack + "}"), attack);
            assertRefusedAsCve(admin.putJson(WebappSession.ENGINE_API + "/filter/" + mine.getId(),
                    "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":" + attack + "}"), attack);
        }
        assertThat(probe.hits).hasValue(0);
    }

    @Test
    void aPlainOrQueryWithoutExpressionsStillWorks() throws Exception {
        String plain = "{\"orQueries\":[{\"candidateGroup\":\"lync-managers\",\"assignee\":\"lab-manager\"}]}";
        HttpResponse<String> list = http.post("lab-manager", "/engine-rest/task", plain);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(ids(JSON.readTree(list.body()))).contains(managersTaskId);
        HttpResponse<String> count = http.post("lab-manager", "/engine-rest/task/count", plain);
        assertThat(JSON.readTree(count.body()).get("count").asLong()).isPositive();

        String filterId = filterNamed(TasklistFilters.MY_GROUPS).getId();
        HttpResponse<String> viaFilter = http.post("lab-manager", "/engine-rest/filter/" + filterId + "/list", plain);
        assertThat(viaFilter.statusCode()).as(viaFilter.body()).isEqualTo(200);
        assertThat(ids(JSON.readTree(viaFilter.body()))).contains(managersTaskId);

        WebappSession tasklist = http.webapp("lab-manager");
        HttpResponse<String> webapp = tasklist.postJson(WebappSession.ENGINE_API + "/filter/" + filterId + "/list", plain);
        assertThat(webapp.statusCode()).as(webapp.body()).isEqualTo(200);
        assertThat(ids(JSON.readTree(webapp.body()))).contains(managersTaskId);

        // the stored filters' own expressions (${currentUserGroups()}) keep working for everybody
        HttpResponse<String> stored = http.get("lab-manager", "/engine-rest/filter/" + filterId + "/list");
        assertThat(ids(JSON.readTree(stored.body()))).contains(managersTaskId);
    }

    @Test
    void theProbeWouldRunIfAnExpressionReachedTheEngine() throws Exception {
        // positive control: an administrator's stored top-level expression is evaluated — so a count of zero above
        // means the or-query expressions were never evaluated, not that the probe cannot be reached
        String create = "{\"resourceType\":\"Task\",\"name\":\"admin-expression\",\"query\":{\"assigneeExpression\":\""
                + BEAN_CALL + "\"}}";
        HttpResponse<String> created = http.post("lab-admin", "/engine-rest/filter/create", create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(http.get("lab-admin", "/engine-rest/filter/" + id + "/list").statusCode()).isEqualTo(200);
        assertThat(probe.hits.get()).isPositive();
    }

    @Test
    void onlyAdministratorsMayStoreExpressionsInFilters() {
        Filter stored = filters.newTaskFilter("operator-expression").setQuery(
                tasks.createTaskQuery().taskAssigneeExpression(BEAN_CALL));
        identity.setAuthentication("lab-operator", List.of(Groups.OPERATORS));
        try {
            assertThatThrownBy(() -> filters.saveFilter(stored)).isInstanceOf(BadUserRequestException.class)
                    .hasMessageContaining("only administrators may store expressions");
        } finally {
            identity.clearAuthentication();
        }
        // top-level expressions in ad-hoc queries stay off (Camunda's own validator)
        HttpResponse<String> adhoc = http.post("lab-admin", "/engine-rest/task",
                "{\"assigneeExpression\":\"" + BEAN_CALL + "\"}");
        assertThat(adhoc.statusCode()).isEqualTo(400);
        assertThat(probe.hits).hasValue(0);
    }

    // ---------------------------------------------------------------- scenario 11

    @Test
    void everyRestCallButTheEngineListNeedsALogin() {
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey("security-probe").list().get(0).getId();
        List<String[]> calls = List.of(
                new String[] {"GET", "/engine-rest/task"},
                new String[] {"GET", "/engine-rest/task/" + managersTaskId},
                new String[] {"POST", "/engine-rest/task/" + managersTaskId + "/complete"},
                new String[] {"POST", "/engine-rest/task"},
                new String[] {"GET", "/engine-rest/process-definition"},
                new String[] {"POST", "/engine-rest/process-definition/key/security-probe/start"},
                new String[] {"GET", "/engine-rest/process-instance/" + instance + "/variables"},
                new String[] {"PUT", "/engine-rest/process-instance/" + instance + "/variables/x"},
                new String[] {"DELETE", "/engine-rest/process-instance/" + instance},
                new String[] {"POST", "/engine-rest/deployment/create"},
                new String[] {"GET", "/engine-rest/deployment"},
                new String[] {"GET", "/engine-rest/user"},
                new String[] {"POST", "/engine-rest/user/create"},
                new String[] {"GET", "/engine-rest/authorization"},
                new String[] {"POST", "/engine-rest/authorization/create"},
                new String[] {"GET", "/engine-rest/filter"},
                new String[] {"GET", "/engine-rest/history/process-instance"},
                new String[] {"GET", "/engine-rest/history/variable-instance"},
                new String[] {"GET", "/engine-rest/incident"},
                new String[] {"GET", "/engine-rest/job"},
                new String[] {"GET", "/engine-rest/external-task"},
                new String[] {"POST", "/engine-rest/external-task/fetchAndLock"},
                new String[] {"GET", "/engine-rest/identity/groups?userId=lab-admin"},
                new String[] {"GET", "/engine-rest/engine/default/task"},
                new String[] {"GET", "/engine-rest/engine/default/process-definition"},
                new String[] {"GET", "/engine-rest/engine/default/deployment"},
                new String[] {"GET", "/engine-rest/version"},
                new String[] {"GET", "/engine-rest/metrics"},
                new String[] {"GET", "/api/lab/servers"});
        for (String[] call : calls) {
            HttpResponse<String> response = http.json(null, call[0], call[1], "{}");
            assertThat(response.statusCode()).as(call[0] + " " + call[1] + " without login").isEqualTo(401);
        }
        // path tricks around the one open endpoint: never answered with data
        for (String trick : List.of("/engine-rest/engine;x=y", "/engine-rest/engine/../task", "/engine-rest//task",
                "/engine-rest/engine/%2e%2e/task", "/engine-rest/./task", "/engine-rest/TASK")) {
            HttpResponse<String> response = http.json(null, "GET", trick, null);
            assertThat(response.statusCode()).as("GET " + trick + " → " + response.body()).isIn(400, 401, 404);
        }
        assertThat(http.json(null, "GET", "/engine-rest/engine", null).statusCode()).isEqualTo(200);
        assertThat(http.json(null, "POST", "/engine-rest/engine", "{}").statusCode()).as("only GET is open").isIn(401, 405);
        assertThat(tasks.createTaskQuery().taskId(managersTaskId).count()).as("not completed").isEqualTo(1);
    }

    @Test
    void javaSerializedVariablesAreRefusedOnStartCompleteAndSet() throws Exception {
        String serialized = Base64.getEncoder().encodeToString(javaSerialized(new ArrayList<>(List.of("payload"))));
        String variable = "{\"value\":\"" + serialized + "\",\"type\":\"Object\",\"valueInfo\":{"
                + "\"objectTypeName\":\"java.util.ArrayList\","
                + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";
        long instances = runtime.createProcessInstanceQuery().processDefinitionKey("security-probe").count();

        HttpResponse<String> start = http.post("lab-admin", "/engine-rest/process-definition/key/security-probe/start",
                "{\"variables\":{\"evil\":" + variable + "}}");
        assertRefusedAsSerialized(start, "start with a Java-serialized variable");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("security-probe").count()).isEqualTo(instances);

        HttpResponse<String> complete = http.post("lab-admin", "/engine-rest/task/" + managersTaskId + "/complete",
                "{\"variables\":{\"evil\":" + variable + "}}");
        assertRefusedAsSerialized(complete, "complete with a Java-serialized variable");
        assertThat(tasks.createTaskQuery().taskId(managersTaskId).count()).as("not completed").isEqualTo(1);

        String instance = tasks.createTaskQuery().taskId(managersTaskId).singleResult().getProcessInstanceId();
        assertRefusedAsSerialized(http.put("lab-admin", "/engine-rest/process-instance/" + instance + "/variables/evil", variable),
                "set a Java-serialized variable");
        assertRefusedAsSerialized(http.post("lab-admin", "/engine-rest/process-instance/" + instance + "/variables",
                "{\"modifications\":{\"evil\":" + variable + "}}"), "modify with a Java-serialized variable");
        assertRefusedAsSerialized(http.put("lab-admin", "/engine-rest/task/" + managersTaskId + "/localVariables/evil", variable),
                "set a Java-serialized task variable");
        WebappSession tasklist = http.webapp("lab-manager");
        assertRefusedAsSerialized(tasklist.postJson(WebappSession.ENGINE_API + "/task/" + managersTaskId + "/submit-form",
                "{\"variables\":{\"evil\":" + variable + "}}"), "Tasklist form submit with a Java-serialized variable");

        // without serializationDataFormat the engine finds no serializer for a Java object: refused as well
        String implicit = "{\"value\":\"" + serialized + "\",\"type\":\"Object\",\"valueInfo\":{"
                + "\"objectTypeName\":\"java.util.ArrayList\"}}";
        HttpResponse<String> engineRefusal = http.put("lab-admin", "/engine-rest/process-instance/" + instance + "/variables/evil", implicit);
        assertThat(engineRefusal.statusCode()).as(engineRefusal.body()).isGreaterThanOrEqualTo(400);
        assertThat(engineRefusal.body()).contains("Cannot find serializer");
        assertThat(runtime.getVariables(instance)).doesNotContainKey("evil");
        assertThat(runtime.getVariables(instance)).doesNotContainKey("evil");
        assertThat(tasks.getVariablesLocal(managersTaskId)).doesNotContainKey("evil");
    }

    @Test
    void aWebappPostWithoutTheCsrfTokenIsForbidden() {
        WebappSession tasklist = http.webapp("lab-operator");
        long before = runtime.createProcessInstanceQuery().processDefinitionKey("lync-backup-cycle").count();
        HttpResponse<String> forged = tasklist.postJsonWithoutCsrfToken(
                WebappSession.ENGINE_API + "/process-definition/key/lync-backup-cycle/start", "{}");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("lync-backup-cycle").count()).isEqualTo(before);

        WebappSession manager = http.webapp("lab-manager");
        HttpResponse<String> forgedComplete = manager.postJsonWithoutCsrfToken(
                WebappSession.ENGINE_API + "/task/" + managersTaskId + "/complete", "{}");
        assertThat(forgedComplete.statusCode()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(managersTaskId).count()).as("not completed").isEqualTo(1);
    }

    @Test
    void anOperatorCannotReadOrCompleteAManagersTask() {
        for (String path : List.of("/engine-rest/task/" + managersTaskId, "/engine-rest/task/" + managersTaskId + "/variables",
                "/engine-rest/task/" + managersTaskId + "/form-variables")) {
            assertThat(http.get("lab-operator", path).statusCode()).as(path).isIn(403, 404);
        }
        assertThat(http.post("lab-operator", "/engine-rest/task/" + managersTaskId + "/claim", "{\"userId\":\"lab-operator\"}")
                .statusCode()).isIn(403, 404);
        assertThat(http.post("lab-operator", "/engine-rest/task/" + managersTaskId + "/complete", "{}").statusCode()).isIn(403, 404);
        assertThat(http.post("lab-operator", "/engine-rest/task/" + managersTaskId + "/submit-form", "{}").statusCode()).isIn(403, 404);
        assertThat(http.post("lab-dba", "/engine-rest/task/" + managersTaskId + "/complete", "{}").statusCode()).isIn(403, 404);
        HttpResponse<String> listed = http.post("lab-operator", "/engine-rest/task", "{\"taskId\":\"" + managersTaskId + "\"}");
        assertThat(listed.body()).doesNotContain(managersTaskId);

        WebappSession tasklist = http.webapp("lab-operator");
        assertThat(tasklist.get(WebappSession.ENGINE_API + "/task/" + managersTaskId).statusCode()).isIn(403, 404);
        assertThat(tasklist.postJson(WebappSession.ENGINE_API + "/task/" + managersTaskId + "/complete", "{}").statusCode())
                .isIn(403, 404);

        Task task = tasks.createTaskQuery().taskId(managersTaskId).singleResult();
        assertThat(task).as("not completed").isNotNull();
        assertThat(task.getAssignee()).as("not claimed").isNull();
        // the manager can
        assertThat(http.post("lab-manager", "/engine-rest/task/" + managersTaskId + "/complete", "{}").statusCode()).isEqualTo(204);
    }

    @Test
    void theEngineItselfRefusesJavaSerialization() throws Exception {
        assertThat(engineConfiguration().isJavaSerializationFormatEnabled()).as("application.yaml").isFalse();
        String instance = tasks.createTaskQuery().taskId(managersTaskId).singleResult().getProcessInstanceId();
        var value = org.camunda.bpm.engine.variable.Variables
                .serializedObjectValue(Base64.getEncoder().encodeToString(javaSerialized(new ArrayList<>(List.of("x")))))
                .serializationDataFormat(HostileRequestFilter.JAVA_SERIALIZATION).objectTypeName("java.util.ArrayList").create();
        assertThatThrownBy(() -> runtime.setVariable(instance, "evil", value))
                .hasMessageContaining("Java serialization format is prohibited");
        assertThat(runtime.getVariables(instance)).doesNotContainKey("evil");
    }

    @Test
    void deploymentsWithScriptsAreRefusedEvenForAnAdministrator() {
        long before = repository.createDeploymentQuery().count();
        java.util.Map<String, String> expected = java.util.Map.of(
                "script-task.bpmn", "script task 'ScriptTask_Evil'",
                "listener-script.bpmn", "camunda:script (groovy) in userTask 'UserTask_Listened'",
                "io-mapping-script.bpmn", "camunda:script (javascript) from resource 'classpath://evil.js' in task 'Task_Mapped'",
                "condition-script.bpmn", "in sequenceFlow 'Flow_Scripted'",
                "resource-script.bpmn", "camunda:script (python) from resource 'deployment://evil.py' in startEvent 'StartEvent_1'");
        for (var file : expected.entrySet()) {
            HttpResponse<String> deployed = deploy("lab-admin", "security/" + file.getKey());
            assertThat(deployed.statusCode()).as(file.getKey() + " → " + deployed.body()).isEqualTo(400);
            assertThat(deployed.body()).as(file.getKey()).contains(ScriptRefusal.MESSAGE).contains(file.getValue());
            if (file.getKey().startsWith("condition")) {
                assertThat(deployed.body()).contains("conditionExpression with language=");
            }
        }
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
        // the same without scripts deploys
        assertThat(deploy("lab-admin", "security/security-probe.bpmn").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAPublicUrlTheLabOnPlainHttpKeepsWorkingCookiesAreNotSecureAndNoHsts() {
        HttpResponse<String> app = http.json(null, "GET", "/camunda/app/tasklist/default/", null);
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(app.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(app.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("XSRF-TOKEN="))
                .isNotEmpty().noneSatisfy(c -> assertThat(c).containsPattern("(?i);\\s*Secure"));
    }

    // ---------------------------------------------------------------- helpers

    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    private org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration() {
        return (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    private HttpResponse<String> deploy(String user, String resource) {
        String boundary = "lync-" + System.nanoTime();
        byte[] content;
        try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(user, http.request("/engine-rest/deployment/create")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private void assertRefusedAsCve(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + " → " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(what).contains(CVE).contains("orQueries");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
    }

    private static void assertRefusedAsSerialized(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + " → " + response.body()).isEqualTo(400);
        assertThat(response.body()).as(what).contains("Java serialization");
    }

    private Filter filterNamed(String name) {
        return filters.createFilterQuery().filterName(name).singleResult();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
