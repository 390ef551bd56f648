package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link LyncShell} over a real {@link ProcessShellLauncher}, with small sh scripts standing in for PowerShell. */
class LyncShellTest {

    private static final Cmdlet EXPORT_CONFIGURATION = Cmdlet.of("Export-CsConfiguration")
            .with("FileName", "\\\\backupsrv\\lyncbackup\\20261126T020000Z\\CsConfiguration.zip");

    @TempDir
    Path dir;

    /** A shell whose "PowerShell" is {@code sh -c body}; further arguments become $1, $2, … of the body. */
    private static LyncShell shell(ShellProperties properties, String body, String... arguments) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", body, "sh"));
        command.addAll(List.of(arguments));
        return new LyncShell(new ProcessShellLauncher(command), properties);
    }

    private static LyncShell shell(String body, String... arguments) {
        return shell(new ShellProperties(null, null, null, null), body, arguments);
    }

    @Test
    void sendsTheScriptInTheFormatTheLabShellReads() throws IOException {
        Path received = dir.resolve("script.ps1");

        shell("cat > \"$1\"", received.toString()).run(EXPORT_CONFIGURATION);

        assertThat(Files.readString(received, StandardCharsets.UTF_8)).isEqualTo(
                "$ErrorActionPreference = 'Stop'\n"
                        + "Import-Module Lync\n"
                        + "Export-CsConfiguration -FileName '\\\\backupsrv\\lyncbackup\\20261126T020000Z\\CsConfiguration.zip'\n");
    }

    @Test
    void writesTheConfiguredPreambleBetweenTheErrorActionAndTheCmdlet() {
        String script = LyncShell.script(List.of("Import-Module Lync", "Set-Location C:\\"), EXPORT_CONFIGURATION);

        assertThat(script.split("\n", -1)).containsExactly(LyncShell.ERROR_ACTION_LINE, "Import-Module Lync",
                "Set-Location C:\\", EXPORT_CONFIGURATION.render(), "");
    }

    @Test
    void returnsTheOutputOfASuccessfulCmdlet() {
        ShellOutput output = shell("cat >/dev/null; echo 'Exported.'").run(EXPORT_CONFIGURATION);

        assertThat(output).isEqualTo(new ShellOutput(0, "Exported.\n", ""));
    }

    @Test
    void reportsStandardErrorAsTheFailure() {
        LyncShell shell = shell("cat >/dev/null; echo 'Loading...'; printf '%s\\r\\n' "
                + "'Export-CsConfiguration : Access to the path is denied.' 'At line:3 char:1' >&2; exit 1");

        assertThatThrownBy(() -> shell.run(EXPORT_CONFIGURATION))
                .isInstanceOfSatisfying(CmdletFailedException.class, e -> {
                    assertThat(e).isNotInstanceOf(CmdletTimeoutException.class);
                    assertThat(e.cmdletName()).isEqualTo("Export-CsConfiguration");
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e).hasMessage("Export-CsConfiguration failed (exit 1): "
                            + "Export-CsConfiguration : Access to the path is denied.\nAt line:3 char:1");
                });
    }

    @Test
    void reportsStandardOutputWhenStandardErrorIsEmpty() {
        LyncShell shell = shell("cat >/dev/null; echo; echo 'Cannot find the Central Management Store.'; exit 2");

        assertThatThrownBy(() -> shell.run(EXPORT_CONFIGURATION))
                .isInstanceOf(CmdletFailedException.class)
                .hasMessage("Export-CsConfiguration failed (exit 2): Cannot find the Central Management Store.");
    }

    @Test
    void treatsAnythingOnStandardErrorAsAFailureEvenWithExitCodeZero() {
        LyncShell shell = shell("cat >/dev/null; echo 'WARNING: partial export' >&2");

        assertThatThrownBy(() -> shell.run(EXPORT_CONFIGURATION))
                .isInstanceOfSatisfying(CmdletFailedException.class, e -> assertThat(e.exitCode()).isZero())
                .hasMessage("Export-CsConfiguration failed (exit 0): WARNING: partial export");
    }

    @Test
    void saysSoWhenAFailedCmdletWroteNothing() {
        assertThatThrownBy(() -> shell("cat >/dev/null; exit 5").run(EXPORT_CONFIGURATION))
                .hasMessage("Export-CsConfiguration failed (exit 5): (no output)");
    }

    @Test
    void keepsOnlyTheEndOfAVeryLongErrorOutput() {
        LyncShell shell = shell("cat >/dev/null; seq 1 5000 >&2; echo 'the real error' >&2; exit 1");

        assertThatThrownBy(() -> shell.run(EXPORT_CONFIGURATION))
                .isInstanceOfSatisfying(CmdletFailedException.class, e -> {
                    String detail = e.getMessage().substring("Export-CsConfiguration failed (exit 1): ".length());
                    assertThat(detail).hasSize(FailureText.MAX_LENGTH).startsWith("…").endsWith("5000\nthe real error");
                });
    }

    @Test
    void usesThePerCmdletTimeoutOverride() {
        ShellProperties properties = new ShellProperties(null, Duration.ofMinutes(30),
                Map.of("Export-CsUserData", Duration.ofSeconds(1)), null);
        Path printed = dir.resolve("printed");
        List<Duration> waitedWith = new ArrayList<>();
        // Time is up once the cmdlet has printed its first line, whatever the machine's load: no race between the
        // timeout and the output.
        ProcessShellLauncher.ProcessWait timeUpOncePrinted = (process, timeout) -> {
            waitedWith.add(timeout);
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(printed) || !process.isAlive());
            return !process.isAlive();
        };
        LyncShell shell = new LyncShell(new ProcessShellLauncher(List.of("sh", "-c",
                "cat >/dev/null; echo 'Exporting user data'; : > \"$1\"; exec sleep 600", "sh", printed.toString()),
                Duration.ofSeconds(30), timeUpOncePrinted), properties);
        Cmdlet export = Cmdlet.of("Export-CsUserData").with("PoolFqdn", "pool01.contoso.local")
                .with("FileName", "\\\\backupsrv\\lyncbackup\\set\\UserData.zip");

        assertThatThrownBy(() -> shell.run(export))
                .isInstanceOfSatisfying(CmdletTimeoutException.class, e -> {
                    assertThat(e.cmdletName()).isEqualTo("Export-CsUserData");
                    assertThat(e.exitCode()).isEqualTo(CmdletFailedException.NO_EXIT_CODE);
                    assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(e.getCause()).isInstanceOf(ShellTimeoutException.class);
                })
                .hasMessage("Export-CsUserData did not finish within PT1S; the process was killed."
                        + " Output so far: Exporting user data");
        assertThat(waitedWith).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void passesTheDefaultTimeoutToCmdletsWithoutOverride() {
        List<Duration> seen = new ArrayList<>();
        ShellLauncher recording = (script, timeout) -> {
            seen.add(timeout);
            return new ShellOutput(0, "", "");
        };
        LyncShell shell = new LyncShell(recording, new ShellProperties(null, Duration.ofMinutes(45),
                Map.of("Export-CsUserData", Duration.ofHours(2)), null));

        shell.run(EXPORT_CONFIGURATION);
        shell.run(Cmdlet.of("Export-CsUserData"));

        assertThat(seen).containsExactly(Duration.ofMinutes(45), Duration.ofHours(2));
    }

    @Test
    void keepsAnInjectionAttemptInsideOneQuotedLiteral() throws IOException {
        String attack = "C:\\x'; Remove-Item C:\\ -Recurse -Force; $(Stop-Computer) ‘; Restart-Computer; `'";
        Cmdlet cmdlet = Cmdlet.of("Import-CsConfiguration").with("FileName", attack).withSwitch("LocalStore");
        Path received = dir.resolve("script.ps1");

        shell("cat > \"$1\"", received.toString()).run(cmdlet);

        List<String> lines = Files.readAllLines(received, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        Cmdlet sent = PowerShell.parse(lines.get(2));
        assertThat(sent.parameters()).hasSize(2);
        assertThat(sent.value("FileName")).contains(attack);
        assertThat(sent.hasSwitch("LocalStore")).isTrue();
        assertThat(sent.hasSwitch("Recurse")).isFalse();
        assertThat(sent.hasSwitch("Force")).isFalse();
    }

    @Test
    void reportsALauncherThatCannotStartAsAFailureOfTheCmdlet() {
        LyncShell shell = new LyncShell(new ProcessShellLauncher(List.of("no-such-powershell-lyncshell-test")),
                new ShellProperties(null, null, null, null));

        assertThatThrownBy(() -> shell.run(EXPORT_CONFIGURATION))
                .isInstanceOfSatisfying(CmdletFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(CmdletFailedException.NO_EXIT_CODE);
                    assertThat(e.getCause()).isInstanceOf(ShellLaunchException.class);
                })
                .hasMessageStartingWith("Export-CsConfiguration was not run: cannot start"
                        + " 'no-such-powershell-lyncshell-test': error=2");
    }

    @Test
    void decodesPowerShellClixmlOnStandardError() {
        String clixml = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Export-CsConfiguration : Access is denied._x000D__x000A_</S></Objs>";
        LyncShell shell = shell("cat >/dev/null; printf '%s' \"$1\" >&2; exit 1", clixml);

        assertThatThrownBy(() -> shell.run(EXPORT_CONFIGURATION))
                .hasMessage("Export-CsConfiguration failed (exit 1): Export-CsConfiguration : Access is denied.\n"
                        + "The account running the runbooks' cmdlets was refused: Export-CsConfiguration needs membership "
                        + "in RTCUniversalServerAdmins (D2).");
    }
}
