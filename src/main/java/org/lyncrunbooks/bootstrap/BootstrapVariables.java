package org.lyncrunbooks.bootstrap;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The variables of {@code lync-bootstrap-review}, read and written in one place. */
public final class BootstrapVariables {

    public static final String RESTORED_INSTANCE_ID = "restoredInstanceId";
    public static final String RESTORED_PROCESS_NAME = "restoredProcessName";
    public static final String RESTORED_BUSINESS_KEY = "restoredBusinessKey";
    public static final String RESTORED_STATE = "restoredState";
    public static final String RESTORED_SET_ID = "restoredSetId";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_REASON = "reviewReason";

    private BootstrapVariables() {
    }

    /** The start variables of a review of {@code held}. */
    static Map<String, Object> start(RestoredInstances.Held held, String setId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RESTORED_INSTANCE_ID, held.id());
        variables.put(RESTORED_PROCESS_NAME, held.processName());
        variables.put(RESTORED_BUSINESS_KEY, held.businessKey() == null ? "" : held.businessKey());
        variables.put(RESTORED_STATE, held.state());
        variables.put(RESTORED_SET_ID, setId);
        return variables;
    }

    static String restoredInstanceId(DelegateExecution execution) {
        return (String) execution.getVariable(RESTORED_INSTANCE_ID);
    }

    static String reviewDecision(DelegateExecution execution) {
        return (String) execution.getVariable(REVIEW_DECISION);
    }

    static String reviewReason(DelegateExecution execution) {
        return (String) execution.getVariable(REVIEW_REASON);
    }
}
