package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.lab.ShellAccount.Right;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The lab's account loses one right at a time; Lync, Active Directory and SQL Server then say what was refused but not
 * which membership would allow it, and the runbooks' failure must name that membership (D2, P5).
 */
class MissingRightTest {

    static final SqlStoreRef MON = new SqlStoreRef("mon01.lab.contoso.local", "archmon");

    @TempDir
    Path dir;
    LabFarm farm;
    LyncShell shell;

    @BeforeEach
    void farm() {
        farm = new LabFarm(new LabProperties(dir.resolve("farm"), 7, 12, 24, Duration.ZERO));
        farm.topology();
        shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
    }

    @Test
    void aPersistentChatExportByAnAccountOutsideCsPersistentChatAdministratorSaysThatGroupIsMissing() {
        farm.revokeShellRight(Right.CS_PERSISTENT_CHAT_ADMINISTRATOR);

        assertThatThrownBy(() -> shell.run(Cmdlet.of("Export-CsPersistentChatData")
                .with("DBInstance", "pcsql01.lab.contoso.local\\pchat").with("FileName", dir.resolve("pc.zip").toString())))
                .isInstanceOf(CmdletFailedException.class)
                .hasMessageContaining("Access is denied")
                .hasMessageContaining("Export-CsPersistentChatData needs membership in CsPersistentChatAdministrator");
    }

    @Test
    void enablingTheTopologyWithoutSetupPermissionSaysDomainAdminsOrGrantCsSetupPermission() {
        farm.revokeShellRight(Right.SETUP_PERMISSION);

        assertThatThrownBy(() -> shell.run(Cmdlet.of("Enable-CsTopology")))
                .isInstanceOf(CmdletFailedException.class)
                .hasMessageContaining("INSUFF_ACCESS_RIGHTS")
                .hasMessageContaining("Domain Admins")
                .hasMessageContaining("Grant-CsSetupPermission");
    }

    @Test
    void anAccountOutsideRtcUniversalServerAdminsIsToldSo() {
        farm.revokeShellRight(Right.RTC_UNIVERSAL_SERVER_ADMINS);

        assertThatThrownBy(() -> shell.run(Cmdlet.of("Export-CsConfiguration")
                .with("FileName", dir.resolve("config.zip").toString())))
                .hasMessageContaining("Login failed for user")
                .hasMessageContaining("Export-CsConfiguration needs membership in RTCUniversalServerAdmins");
        assertThatThrownBy(() -> shell.run(Cmdlet.of("Start-CsWindowsService")
                .with("ComputerName", "fe01.lab.contoso.local")))
                .hasMessageContaining("might require other privileges")
                .hasMessageContaining("Start-CsWindowsService needs membership in RTCUniversalServerAdmins");
    }

    @Test
    void installingDatabasesWithoutSysadminSaysTheSqlRoleIsMissing() {
        farm.revokeShellRight(Right.SQL_SYSADMIN);

        assertThatThrownBy(() -> shell.run(Cmdlet.of("Install-CsDatabase").with("SqlServerFqdn", "mon01.lab.contoso.local")
                .with("SqlInstanceName", "archmon").withSwitch("ConfiguredDatabases")))
                .hasMessageContaining("CREATE DATABASE permission denied")
                .hasMessageContaining("sysadmin");
    }

    @Test
    void aSqlBackupWithoutSysadminSaysTheLoginNeedsTheSysadminRole() {
        farm.revokeShellRight(Right.SQL_SYSADMIN);
        LabSqlServer sql = new LabSqlServer(farm);

        assertThatThrownBy(() -> sql.backupDatabase(MON, "LcsCDR", dir.resolve("LcsCDR.bak").toString(), true))
                .isInstanceOf(SqlServerException.class)
                .hasMessageContaining("BACKUP DATABASE permission denied in database 'LcsCDR'. (Msg 262)")
                .hasMessageContaining("needs the sysadmin fixed server role on this SQL Server instance");
    }

    @Test
    void withEveryRightBackNothingIsRefused() {
        farm.revokeShellRight(Right.RTC_UNIVERSAL_SERVER_ADMINS);
        farm.grantShellRight(Right.RTC_UNIVERSAL_SERVER_ADMINS);

        assertThat(shell.run(Cmdlet.of("Export-CsConfiguration").with("FileName", dir.resolve("config.zip").toString()))
                .succeeded()).isTrue();
    }
}
