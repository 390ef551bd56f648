package org.lyncrunbooks.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * No deployment may carry a script, not even an administrator's: nothing in these runbooks needs one, and a
 * script is code that runs inside the engine with the application's rights. Refused in BPMN: script tasks,
 * {@code camunda:script} anywhere (execution and task listeners, input/output mappings, {@code camunda:resource}
 * scripts), and any expression with a {@code language} or {@code scriptFormat} (conditions on sequence flows,
 * conditional events, completion conditions). The error names the element, its id and line.
 *
 * <p>CMMN is switched off (no case definitions are deployed or run, so no case listener scripts either).
 */
@Component
class ScriptRefusal extends AbstractProcessEnginePlugin {

    static final String MESSAGE = "Scripts are not allowed on this server";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>(configuration.getCustomPreBPMNParseListeners() == null
                ? List.of() : configuration.getCustomPreBPMNParseListeners());
        listeners.add(new Listener());
        configuration.setCustomPreBPMNParseListeners(listeners);
        configuration.setCmmnEnabled(false);
    }

    /** Looks at the whole document once, when the engine has read it and before anything is deployed. */
    static final class Listener extends AbstractBpmnParseListener {
        @Override
        public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
            List<String> found = new ArrayList<>();
            walk(rootElement, "definitions", found);
            if (!found.isEmpty()) {
                throw new BpmnParseException(MESSAGE + " (nothing in lync-runbooks needs one): " + String.join("; ", found),
                        rootElement);
            }
        }

        static void walk(Element element, String owner, List<String> found) {
            String tag = localName(element.getTagName());
            String id = element.attribute("id");
            String here = id == null ? owner : tag + " '" + id + "'";
            String where = " (line " + element.getLine() + ")";
            if (tag.equals("scriptTask")) {
                found.add("script task '" + id + "'" + where);
            } else if (tag.equals("script")) {
                found.add("camunda:script" + describeScript(element) + " in " + owner + where);
            } else {
                for (String attribute : element.attributes()) {
                    String name = localName(attribute).toLowerCase(Locale.ROOT);
                    if (name.equals("language") || name.equals("scriptformat") || name.equals("resource")) {
                        found.add(tag + " with " + localName(attribute) + "=\"" + element.attribute(attribute) + "\" in "
                                + here + where);
                    }
                }
            }
            for (Element child : element.elements()) {
                walk(child, here, found);
            }
        }

        private static String describeScript(Element script) {
            String format = script.attribute("scriptFormat");
            String resource = script.attribute("resource");
            return (format == null ? "" : " (" + format + ")") + (resource == null ? "" : " from resource '" + resource + "'");
        }

        private static String localName(String name) {
            int colon = name.lastIndexOf(':');
            return colon < 0 ? name : name.substring(colon + 1);
        }
    }
}
