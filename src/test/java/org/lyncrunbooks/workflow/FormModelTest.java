package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Camunda Form opens in the Modeler: id = file name, schema version of the 7.24 webapps, named fields. */
class FormModelTest {

    static Stream<Path> forms() throws IOException {
        return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
    }

    @ParameterizedTest
    @MethodSource("forms")
    void isAModelerReadableCamundaForm(Path file) throws IOException {
        JsonNode form = new ObjectMapper().readTree(file.toFile());

        assertThat(form.get("id").asText()).isEqualTo(file.getFileName().toString().replace(".form", ""));
        assertThat(form.get("type").asText()).isEqualTo("default");
        assertThat(form.get("schemaVersion").asInt()).isEqualTo(16);
        assertThat(form.get("executionPlatform").asText()).isEqualTo("Camunda Platform");
        assertThat(form.get("executionPlatformVersion").asText()).isEqualTo("7.24.0");
        assertThat(form.get("components")).isNotEmpty();
        for (JsonNode component : form.get("components")) {
            assertThat(component.get("id").asText()).startsWith("Field_").doesNotMatch("Field_[0-9][0-9a-z]{5,}");
            if (component.has("key")) {
                assertThat(component.get("key").asText()).matches("[a-z][A-Za-z0-9]*");
                assertThat(component.get("label").asText()).isNotBlank();
            }
        }
    }

    /**
     * A form says what to do in plain words: no document codes (D3, R2, P5) a person cannot look up, no decision
     * answered in advance (no default value), every free text with its length limit, and a text never splits a
     * numbered list with a template block (a block swallows the line break after it).
     */
    @ParameterizedTest
    @MethodSource("forms")
    void readsInPlainWordsAndDecidesNothingInAdvance(Path file) throws IOException {
        JsonNode form = new ObjectMapper().readTree(file.toFile());
        for (JsonNode component : form.get("components")) {
            String shown = component.path("text").asText("") + " " + component.path("label").asText("") + " "
                    + component.path("description").asText("");
            assertThat(shown.replace("2008 R2", "2008")).as("%s %s", file, component.get("id"))
                    .doesNotContainPattern("\\b[DRPH][0-9]{1,2}\\b");
            assertThat(component.has("defaultValue")).as("%s %s has a default", file, component.get("id")).isFalse();
            if (component.has("key") && !component.path("readonly").asBoolean(false)
                    && List.of("textfield", "textarea").contains(component.get("type").asText())) {
                assertThat(component.path("validate").has("maxLength")).as("%s %s has a length limit", file,
                        component.get("id")).isTrue();
            }
            assertThat(component.path("text").asText("")).as("%s %s", file, component.get("id"))
                    .doesNotContainPattern("\\{\\{/if}}\\n[0-9]+\\.");
        }
    }
}
