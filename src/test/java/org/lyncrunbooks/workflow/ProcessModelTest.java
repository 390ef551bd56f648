package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lyncrunbooks.backup.BackupProcess;
import org.lyncrunbooks.failover.FailbackProcess;
import org.lyncrunbooks.failover.FailoverProcess;
import org.lyncrunbooks.drill.DrillProcess;
import org.lyncrunbooks.recovery.RecoveryProcess;

/**
 * The modelling rules of the house style (§3, §6, §9) checked on every BPMN file in {@code processes/}: file name =
 * key, history time to live, no generated ids, every element named and drawn, delegates by expression to
 * existing beans, user tasks with candidate groups and a deployed form, the {@code lync.signal} marks (known kinds,
 * on the elements they belong to, every escalation task marked), and the {@code *Process} constants present.
 */
class ProcessModelTest {

    private static final Pattern GENERATED_ID = Pattern.compile("(Activity|Flow|Gateway|Event|StartEvent|EndEvent|Task)_[0-9][0-9a-z]{5,}");
    private static final Pattern DELEGATE = Pattern.compile("\\$\\{([a-z][A-Za-z0-9]*)}");
    private static final Path PROCESSES = Path.of("processes");
    private static final Path SOURCES = Path.of("src/main/java");

    static Stream<Path> processFiles() throws IOException {
        return Files.list(PROCESSES).filter(p -> p.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest
    @MethodSource("processFiles")
    void followsTheModellingRules(Path file) throws IOException {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        String fileKey = file.getFileName().toString().replace(".bpmn", "");

        assertThat(process.getId()).isEqualTo(fileKey);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        assertThat(process.getName()).isNotBlank();

        Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(GENERATED_ID.matcher(element.getId()).matches()).as("generated id %s", element.getId()).isFalse();
            if (!(element instanceof org.camunda.bpm.model.bpmn.instance.SequenceFlow)) {
                assertThat(element.getName()).as("name of %s", element.getId()).isNotBlank();
                assertThat(drawn).as("diagram shape of %s", element.getId()).contains(element.getId());
            }
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getCamundaClass()).as("camunda:class on %s", task.getId()).isNull();
            if ("external".equals(task.getCamundaType())) {
                assertThat(task.getCamundaTopic()).as("topic of %s", task.getId()).isNotBlank();
                continue;
            }
            Matcher m = DELEGATE.matcher(String.valueOf(task.getCamundaDelegateExpression()));
            assertThat(m.matches()).as("%s uses ${bean}", task.getId()).isTrue();
            String className = Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1);
            assertThat(sourceFileExists(className)).as("class %s for %s", className, task.getId()).isTrue();
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as("candidate groups of %s", task.getId()).isNotBlank();
            assertThat(task.getCamundaAssignee()).as("assignee of %s", task.getId()).isNull();
            assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
            assertThat(Path.of("forms", task.getCamundaFormRef() + ".form")).exists();
        }
    }

    @ParameterizedTest
    @MethodSource("processFiles")
    void marksItsSignalsWithKnownKindsOnTheRightElementsAndEveryEscalationTask(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            String value = signal(element);
            if (value == null) {
                continue;
            }
            ProcessSignals.Kind kind = ProcessSignals.Kind.of(value);
            assertThat(kind).as("%s on %s", ProcessSignals.PROPERTY, element.getId()).isNotNull();
            switch (kind) {
                case STARTED -> assertThat(element).as(element.getId()).isInstanceOf(StartEvent.class);
                case SUCCEEDED, FAILED -> assertThat(element).as(element.getId()).isInstanceOf(EndEvent.class);
                case ESCALATION -> assertThat(element).as(element.getId()).isInstanceOf(UserTask.class);
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (task.getId().equals(RecoveryProcess.USER_TASK_REVIEW_ESCALATION)) {
                assertThat(signal(task)).as("%s mails the managers as an escalation", task.getId()).isEqualTo("escalation");
            }
        }
    }

    private static String signal(BaseElement element) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> ProcessSignals.PROPERTY.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
    }

    @ParameterizedTest
    @MethodSource("processConstants")
    void everyConstantNamesAnElementOfItsModel(Class<?> api, String file) throws Exception {
        BpmnModelInstance model = Bpmn.readModelFromFile(PROCESSES.resolve(file).toFile());
        for (Field field : api.getFields()) {
            String name = field.getName();
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && Stream.of("SERVICE_TASK_", "USER_TASK_", "GATEWAY_", "START_EVENT_", "END_EVENT_", "BOUNDARY_EVENT_",
                    "CALL_ACTIVITY_", "INTERMEDIATE_EVENT_", "SUB_PROCESS_").anyMatch(name::startsWith)) {
                String id = (String) field.get(null);
                BaseElement element = model.getModelElementById(id);
                assertThat(element).as("%s.%s = %s", api.getSimpleName(), name, id).isNotNull();
            }
        }
    }

    static List<Object[]> processConstants() {
        List<Object[]> list = new ArrayList<>();
        list.add(new Object[] {BackupProcess.class, BackupProcess.KEY + ".bpmn"});
        list.add(new Object[] {org.lyncrunbooks.bootstrap.BootstrapProcess.class,
                org.lyncrunbooks.bootstrap.BootstrapProcess.KEY + ".bpmn"});
        list.add(new Object[] {RecoveryProcess.class, RecoveryProcess.KEY + ".bpmn"});
        list.add(new Object[] {FailoverProcess.class, FailoverProcess.KEY + ".bpmn"});
        list.add(new Object[] {FailbackProcess.class, FailbackProcess.KEY + ".bpmn"});
        list.add(new Object[] {DrillProcess.class, DrillProcess.KEY + ".bpmn"});
        for (Class<?> nested : RecoveryProcess.class.getDeclaredClasses()) {
            try {
                list.add(new Object[] {nested, nested.getField("KEY").get(null) + ".bpmn"});
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(nested + " has no KEY", e);
            }
        }
        return list;
    }

    private static boolean sourceFileExists(String className) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(className + ".java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
