package org.lyncrunbooks.recovery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_WriteRecoveryReport}. The report (JSON, longer than a String variable may be) is
 * stored as the file variable {@code recoveryReport}, downloadable at {@code recoveryReportUrl} (read from the history,
 * so it works after the recovery ended); a
 * one-paragraph summary goes into {@code recoveryReportSummary} for the final task's form.
 */
@Component
class WriteRecoveryReportDelegate implements JavaDelegate {

    private final RecoveryReports reports;

    WriteRecoveryReportDelegate(RecoveryReports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String recoveryId = RecoveryVariables.requireString(execution, RecoveryVariables.RECOVERY_ID);
        RecoveryReport report = reports.build(recoveryId, execution.getVariables(), Instant.now());
        execution.setVariable(RecoveryVariables.RECOVERY_REPORT, Variables.fileValue("recovery-report-" + recoveryId + ".json")
                .file(RecoveryReports.toJson(report).getBytes(StandardCharsets.UTF_8))
                .mimeType("application/json").encoding(StandardCharsets.UTF_8.name()).create());
        execution.setVariable(RecoveryVariables.RECOVERY_REPORT_SUMMARY, RecoveryVariables.text(RecoveryReports.summary(report)));
        // from the history: the link keeps working after the recovery has ended
        execution.setVariable(RecoveryVariables.RECOVERY_REPORT_URL, "/api/manager/recoveries/" + recoveryId + "/report");
    }
}
