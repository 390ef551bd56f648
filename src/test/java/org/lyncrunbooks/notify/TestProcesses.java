package org.lyncrunbooks.notify;

/** Small processes the notification tests deploy next to the runbooks. */
final class TestProcesses {

    private TestProcesses() {
    }

    /** A process with one user task for {@code group}; {@code failing}: a parallel branch that fails in the same step. */
    static String process(String key, String taskName, String group, String signal, boolean failing) {
        String marker = signal == null ? "" : "<bpmn:extensionElements><camunda:properties><camunda:property name=\"lync.signal\" "
                + "value=\"" + signal + "\"/></camunda:properties></bpmn:extensionElements>";
        String failingBranch = failing
                ? "<bpmn:sequenceFlow id=\"Flow_ToFail\" sourceRef=\"Gateway_Fork\" targetRef=\"ServiceTask_Fail\"/>"
                + "<bpmn:serviceTask id=\"ServiceTask_Fail\" name=\"Fail\" camunda:expression=\"${noSuchBean.fail()}\"/>"
                : "";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test" targetNamespace="http://test">
                  <bpmn:process id="%s" name="%s test" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started" name="Started"/>
                    <bpmn:sequenceFlow id="Flow_ToFork" sourceRef="StartEvent_Started" targetRef="Gateway_Fork"/>
                    <bpmn:parallelGateway id="Gateway_Fork" name="Fork"/>
                    <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="Gateway_Fork" targetRef="UserTask_Work"/>
                    <bpmn:userTask id="UserTask_Work" name="%s" camunda:candidateGroups="%s">%s</bpmn:userTask>
                    %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, key, taskName, group, marker, failingBranch).strip();
    }
}
