package org.lyncrunbooks.drill;

/** The API of {@code processes/lync-restore-drill.bpmn} and its schedule: keys, element ids, errors, forms, groups. */
public final class DrillProcess {

    public static final String KEY = "lync-restore-drill";

    /** {@code processes/lync-restore-drill-schedule.bpmn}: the timer that calls this process on the schedule. */
    public static final String SCHEDULE_KEY = "lync-restore-drill-schedule";
    public static final String SCHEDULE_START_EVENT_DUE = "StartEvent_DrillScheduleDue";
    public static final String SCHEDULE_CALL_ACTIVITY_RUN_RESTORE_DRILL = "CallActivity_RunRestoreDrill";
    public static final String SCHEDULE_END_EVENT_FINISHED = "EndEvent_RestoreDrillFinished";

    public static final String START_EVENT_REQUESTED = "StartEvent_DrillRequested";
    public static final String SERVICE_TASK_CHOOSE_DRILL_SET = "ServiceTask_ChooseDrillSet";
    public static final String GATEWAY_SET_CHOSEN = "Gateway_SetChosen";
    public static final String END_EVENT_NOTHING_TO_DRILL = "EndEvent_NothingToDrill";
    public static final String GATEWAY_DRILL_STARTED = "Gateway_DrillStarted";
    public static final String SERVICE_TASK_PREPARE_DRILL = "ServiceTask_PrepareDrill";
    /** One item: an asynchronous service task, a sequential multi-instance over the set's items. */
    public static final String SERVICE_TASK_DRILL_ITEM = "ServiceTask_DrillItem";
    public static final String SERVICE_TASK_ASSESS_DRILL = "ServiceTask_AssessDrill";
    public static final String GATEWAY_DRILL_PASSED = "Gateway_DrillPassed";
    public static final String END_EVENT_DRILL_PASSED = "EndEvent_DrillPassed";
    public static final String USER_TASK_REVIEW_FAILED_DRILL = "UserTask_ReviewFailedDrill";
    public static final String GATEWAY_DRILL_AGAIN = "Gateway_DrillAgain";
    public static final String END_EVENT_DRILL_FAILED = "EndEvent_DrillFailed";

    public static final String FORM_START_RESTORE_DRILL = "start-restore-drill";
    public static final String FORM_REVIEW_FAILED_DRILL = "review-failed-drill";

    public static final String GROUP_OPERATORS = "lync-operators";

    public static final String DECISION_DRILL_AGAIN = "again";
    public static final String DECISION_CLOSE = "close";

    private DrillProcess() {
    }
}
