package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lyncrunbooks.workflow.RequestRefusedException;

/** What people submit to a recovery, refused with what is wrong when it does not hold. */
class RecoveryInputsTest {

    final RecoveryInputs inputs = new RecoveryInputs();

    private static Map<String, Object> values(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static RecoveryInputs.StartRequest start(Map<String, Object> values) {
        return RecoveryInputs.start(values::get);
    }

    private void check(String task, Map<String, Object> values) {
        inputs.check(task, values::get);
    }

    @Test
    void anApprovalWithoutADecisionIsRefusedAndADecisionThatStopsTheRecoveryNeedsItsReason() {
        String task = RecoveryProcess.USER_TASK_APPROVE_DATA_LOSS_WINDOW;
        assertThatThrownBy(() -> check(task, values())).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("no decision was made: Do you approve the data-loss window");
        assertThatThrownBy(() -> check(task, values("dataLossApproved", "yes"))).isInstanceOf(RequestRefusedException.class)
                .hasMessageContaining("dataLossApproved must be true or false (a JSON boolean), not the text 'yes'");
        assertThatThrownBy(() -> check(task, values("dataLossApproved", false))).isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("not approving stops this recovery: say why");
        check(task, values("dataLossApproved", false, "notApprovedReason", "the incident is handled by failover"));
        check(task, values("dataLossApproved", true));
        assertThat(inputs.decisions(task)).containsExactlyInAnyOrder("dataLossApproved", "approvalNote", "notApprovedReason");
    }

    @Test
    void anOverrideNeedsItsReasonAndADenialDoesNot() {
        String task = RecoveryProcess.RestoreFileStore.USER_TASK_DECIDE_TARGET_OVERRIDE;
        assertThatThrownBy(() -> check(task, values())).hasMessageStartingWith("no decision was made");
        assertThatThrownBy(() -> check(task, values("overrideApproved", true)))
                .hasMessageStartingWith("an override replaces data: say why");
        check(task, values("overrideApproved", true, "overrideReason", "the target was filled by a test import"));
        check(task, values("overrideApproved", false));
    }

    @Test
    void aPastedPrivateKeyIsRefusedWithoutQuotingIt() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIEsecret\n"
                + "-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> check(RecoveryProcess.RebuildServer.USER_TASK_RESTORE_CERTIFICATES,
                values("certificateThumbprint", "AB", "certificatePem", pem)))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("never paste the private key")
                .hasMessageNotContaining("MIIEsecret");
        assertThatThrownBy(() -> check(RecoveryProcess.RebuildServer.USER_TASK_RESTORE_CERTIFICATES,
                values("certificateThumbprint", "AB", "certificatePem", pem.replace("PRIVATE KEY", "RSA PRIVATE KEY"))))
                .hasMessageStartingWith("never paste the private key");
    }

    @Test
    void everyFreeTextHasTheFormsLimitOverRestToo() {
        assertThatThrownBy(() -> start(values("failedServerFqdn", "be01.lab.contoso.local",
                "incidentReference", "x".repeat(4001))))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessage("incidentReference is 4001 characters long; at most 100 are allowed");
        assertThatThrownBy(() -> check(RecoveryProcess.USER_TASK_REVIEW_ESCALATION, values("escalationNote", "y".repeat(1001))))
                .hasMessage("escalationNote is 1001 characters long; at most 1000 are allowed");
    }

    @Test
    void aStartIsReadStrictly() {
        assertThatThrownBy(() -> start(values())).isInstanceOf(RecoveryRefusedException.class)
                .hasMessage("failedServerFqdn is required: the FQDN of the server that failed");
        assertThatThrownBy(() -> start(values("failedServerFqdn", 42L)))
                .hasMessage("Failed server FQDN (failedServerFqdn) must be text, not a Long (42)");
        assertThatThrownBy(() -> start(values("failedServerFqdn", "be01", "incidentTime", "yesterday")))
                .hasMessage("incidentTime 'yesterday' is not a date and time (ISO-8601 with a zone, e.g. 2026-11-26T08:30:00Z)");
        assertThatThrownBy(() -> start(values("failedServerFqdn", "be01", "incidentTime", true)))
                .hasMessageStartingWith("incidentTime must be a date and time");

        RecoveryInputs.StartRequest request = start(values("failedServerFqdn", " be01 ", "backupSetId", "",
                "incidentTime", "2026-11-26T08:30:00+01:00", "rebuildAnywayReason", " services hang "));
        assertThat(request).isEqualTo(new RecoveryInputs.StartRequest("be01", null, null,
                Instant.parse("2026-11-26T07:30:00Z"), "services hang"));
        assertThat(start(values("failedServerFqdn", "be01", "incidentTime", Date.from(Instant.EPOCH)))
                .incidentTime()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void theOtherTasksAskForWhatTheirFormsRequire() {
        assertThatThrownBy(() -> check(RecoveryProcess.InstallSqlServer.USER_TASK_INSTALL_SQL_SERVER, values("sqlVersionInstalled", "2016")))
                .hasMessageContaining("must be one of 2012, 2008 R2, not the text '2016'");
        assertThatThrownBy(() -> check(RecoveryProcess.USER_TASK_CONFIRM_SERVICES_AND_SIGN_IN, values()))
                .hasMessageStartingWith("not confirmed: all Lync services are running");
        assertThatThrownBy(() -> check(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER, values("sameFqdnConfirmed", false)))
                .hasMessageStartingWith("not confirmed: the computer has exactly the FQDN");
        assertThatThrownBy(() -> check(RecoveryProcess.InstallSqlServer.USER_TASK_RESOLVE_SQL_INSTANCE, values()))
                .hasMessageStartingWith("no decision was made: How do you clear the way for SQL Server?");
        check(RecoveryProcess.RebuildServer.USER_TASK_PREPARE_CLEAN_SERVER, values("sameFqdnConfirmed", true));
    }
}
