package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.drill.DrillVariables;
import org.lyncrunbooks.backup.BackupVariables;
import org.lyncrunbooks.failover.FailoverVariables;
import org.lyncrunbooks.recovery.RecoveryVariables;

/**
 * Forms and processes agree: every form a process references exists, every form is referenced, and every field
 * key (and every {{variable}} a text shows) is a variable of the processes, named by a constant of their
 * {@code *Variables} accessor.
 */
class FormBindingTest {

    @Test
    void everyReferencedFormExistsAndEveryFormIsReferenced() throws IOException {
        Set<String> referenced = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                model.getModelElementsByType(UserTask.class).forEach(t -> referenced.add(t.getCamundaFormRef()));
                model.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaFormRef)
                        .filter(r -> r != null).forEach(referenced::add);
            }
        }
        Set<String> forms = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            files.forEach(f -> forms.add(f.getFileName().toString().replace(".form", "")));
        }
        assertThat(forms).containsExactlyInAnyOrderElementsOf(referenced);
    }

    @Test
    void everyFieldAndEveryTemplateNamesAProcessVariable() throws Exception {
        Set<String> variables = new HashSet<>();
        for (Class<?> accessor : new Class<?>[] {RecoveryVariables.class, BackupVariables.class, DrillVariables.class,
                FailoverVariables.class, org.lyncrunbooks.failover.MirrorVariables.class,
                org.lyncrunbooks.bootstrap.BootstrapVariables.class, org.lyncrunbooks.drift.TopologyDriftVariables.class}) {
            for (Field f : accessor.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    variables.add((String) f.get(null));
                }
            }
        }
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            for (Path file : files.toList()) {
                JsonNode form = new ObjectMapper().readTree(file.toFile());
                for (JsonNode c : form.get("components")) {
                    if (c.has("key")) {
                        assertThat(variables).as("%s field %s", file.getFileName(), c.get("key").asText()).contains(c.get("key").asText());
                    }
                    if (c.has("text")) {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{(?:#if )?([a-zA-Z]+)}}").matcher(c.get("text").asText());
                        while (m.find()) {
                            assertThat(variables).as("%s template {{%s}}", file.getFileName(), m.group(1)).contains(m.group(1));
                        }
                    }
                }
            }
        }
    }
}
