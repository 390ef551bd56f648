package org.lyncrunbooks.recovery;

import java.time.Instant;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
        RecoveryVariables.writeReport(execution, recoveryId, RecoveryReports.toJson(report), RecoveryReports.summary(report));
    }
}
