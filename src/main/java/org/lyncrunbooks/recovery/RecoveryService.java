package org.lyncrunbooks.recovery;

import java.time.Instant;

import org.lyncrunbooks.topology.RecoveryPlan;

/** Placeholder of the recovery service API while it is built on the recovery branch (replaced at merge). */
public class RecoveryService {
    public record Assessment(RecoveryPlan plan, String setId, Instant setCompletedAt, String setServerPath) {
    }
    public record CheckResult(boolean passed, String reason) {
    }
    public Assessment assess(String failedServerFqdn, String requestedSetId) { throw new IllegalStateException(); }
    public void verifySet(String setId) { throw new IllegalStateException(); }
    public CheckResult checkServerIdentity(String failedServerFqdn, String claimedIpAddress) { throw new IllegalStateException(); }
    public CheckResult checkCertificate(String failedServerFqdn, String thumbprint, String pem) { throw new IllegalStateException(); }
    public CheckResult checkSqlServer(String failedServerFqdn) { throw new IllegalStateException(); }
    public void restoreFileStore(String recoveryId, String failedServerFqdn, String setId, boolean overrideApproved) { throw new IllegalStateException(); }
    public void restoreDatabases(String recoveryId, String failedServerFqdn, String setId, boolean overrideApproved) { throw new IllegalStateException(); }
    public void installCentralManagementDatabase(String recoveryId, String failedServerFqdn) { throw new IllegalStateException(); }
    public void setConfigurationStoreLocation(String recoveryId, String failedServerFqdn) { throw new IllegalStateException(); }
    public void importConfiguration(String recoveryId, String setId) { throw new IllegalStateException(); }
    public void enableTopology(String recoveryId) { throw new IllegalStateException(); }
    public void installConfiguredDatabases(String recoveryId, String failedServerFqdn) { throw new IllegalStateException(); }
    public void restoreUserData(String recoveryId, String failedServerFqdn, String setId) { throw new IllegalStateException(); }
    public void restoreLisConfiguration(String recoveryId, String setId) { throw new IllegalStateException(); }
    public void restoreResponseGroup(String recoveryId, String failedServerFqdn, String setId) { throw new IllegalStateException(); }
    public String exportConfigurationForEdge(String recoveryId, String failedServerFqdn) { throw new IllegalStateException(); }
    public void installStoreDatabases(String recoveryId, String failedServerFqdn) { throw new IllegalStateException(); }
    public void importPersistentChatData(String recoveryId, String failedServerFqdn, String setId) { throw new IllegalStateException(); }
}
