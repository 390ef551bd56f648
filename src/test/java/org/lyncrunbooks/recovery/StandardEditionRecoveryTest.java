package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.lyncrunbooks.recovery.RecoveryLab.SE;
import static org.lyncrunbooks.recovery.RecoveryLab.SE_SQL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabHostResolver;
import org.lyncrunbooks.lab.ServerState;
import org.lyncrunbooks.topology.RecoveryProcedure;

/** R3: a Standard Edition server that does not host the CMS is lost with its file store and its SQL Express. */
class StandardEditionRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aLostStandardEditionServerGetsItsFileStoreByteForByteAndItsUsersBack() {
        RecoveryLab lab = RecoveryLab.withBackup(dir);
        Path fileStore = lab.fileStore("lab-fs02");
        Map<String, String> treeBefore = RecoveryLab.tree(fileStore);
        Map<String, List<Map<String, Object>>> rtcxds = lab.farm.tables(SE_SQL, "rtcxds");
        Map<String, List<Map<String, Object>>> rtcshared = lab.farm.tables(SE_SQL, "rtcshared");
        RecoveryService service = lab.service();
        RecoveryService.Assessment assessment = service.assess(SE, null);
        String set = assessment.setId();
        service.verifySet(set);

        lab.farm.destroyServer(SE);
        lab.farm.installOperatingSystem(SE);
        ServerState.Certificate certificate = lab.farm.installCertificate(SE);
        assertThat(service.checkServerIdentity(SE, LabHostResolver.address(SE)).passed()).isTrue();
        assertThat(service.checkCertificate(SE, certificate.thumbprint(), lab.farm.certificatePem(SE)).passed()).isTrue();
        String recovery = "r3-standard-edition";
        service.restoreFileStore(recovery, SE, set, false);
        lab.farm.runDeploymentWizard(SE);
        RecoveryService.CheckResult sqlExpress = service.checkSqlServer(SE);
        service.restoreUserData(recovery, SE, set);

        assertThat(assessment.plan().procedure()).isEqualTo(RecoveryProcedure.STANDARD_EDITION);
        assertThat(sqlExpress).isEqualTo(new RecoveryService.CheckResult(true, null));
        assertThat(RecoveryLab.tree(fileStore)).isEqualTo(RecoveryLab.withoutMeetingActive(treeBefore))
                .isNotEqualTo(treeBefore);
        assertThat(lab.farm.tables(SE_SQL, "rtcxds")).isEqualTo(rtcxds);
        assertThat(lab.farm.tables(SE_SQL, "rtcshared")).isEqualTo(rtcshared);
        assertThat(lab.farm.serverState(SE).runningServices()).contains("RTCSRV");
        assertThat(lab.cmdlets()).containsSubsequence("Stop-CsWindowsService -ComputerName '" + SE + "'",
                "Import-CsUserData -PoolFqdn '" + SE + "' -FileName '" + lab.setDirectory(set) + "/userdata/" + SE + ".zip'",
                "Start-CsWindowsService -ComputerName '" + SE + "'");
        assertThat(service.journal(recovery)).extracting(JournalEntry::step, JournalEntry::state).containsExactly(
                tuple("restore-file-store:lab-fs02", JournalEntry.State.DONE),
                tuple("restore-user-data:" + SE, JournalEntry.State.DONE));
        assertThat(service.journal(recovery).get(0).detail()).startsWith("restored ")
                .contains(" files (").contains("of filestore/lab-fs02 to " + fileStore);
    }
}
