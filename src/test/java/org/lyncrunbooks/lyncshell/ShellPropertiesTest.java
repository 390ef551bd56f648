package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ShellPropertiesTest {

    @Test
    void defaultsToThirtyMinutesAndTheLyncModule() {
        ShellProperties properties = new ShellProperties(null, null, null, null);

        assertThat(properties.launcher()).isEmpty();
        assertThat(properties.launcherConfigured()).isFalse();
        assertThat(properties.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties.timeouts()).isEmpty();
        assertThat(properties.preamble()).containsExactly("Import-Module Lync");
    }

    @Test
    void usesTheOverrideOfACmdletAndTheDefaultForOthers() {
        ShellProperties properties = new ShellProperties(List.of("powershell.exe"), Duration.ofMinutes(10),
                Map.of("Export-CsUserData", Duration.ofHours(2)), null);

        assertThat(properties.timeoutFor("Export-CsUserData")).isEqualTo(Duration.ofHours(2));
        assertThat(properties.timeoutFor("Export-CsConfiguration")).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.launcherConfigured()).isTrue();
    }

    @Test
    void matchesOverridesRegardlessOfCaseAsPowerShellDoes() {
        ShellProperties properties = new ShellProperties(null, null,
                Map.of("export-csuserdata", Duration.ofHours(2)), null);

        assertThat(properties.timeoutFor("Export-CsUserData")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesTwoOverridesForTheSameCmdlet() {
        assertThatThrownBy(() -> new ShellProperties(null, null,
                Map.of("Export-CsUserData", Duration.ofHours(2), "EXPORT-CSUSERDATA", Duration.ofHours(3)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Export-CsUserData")
                .hasMessageContaining("EXPORT-CSUSERDATA");
    }

    @Test
    void refusesATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> new ShellProperties(null, Duration.ZERO, null, null))
                .hasMessageContaining("lync.shell.timeout must be a positive duration");
        assertThatThrownBy(() -> new ShellProperties(null, null, Map.of("Export-CsUserData", Duration.ofSeconds(-1)),
                null))
                .hasMessageContaining("lync.shell.timeouts.Export-CsUserData must be a positive duration");
    }

    @Test
    void refusesAPreambleLineThatIsNotOnePlainLine() {
        assertThatThrownBy(() -> new ShellProperties(null, null, null,
                List.of("Import-Module Lync", "Set-Location C:\\\nRemove-Item x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lync.shell.preamble[1]")
                .hasMessageContaining("U+000A");
        assertThatThrownBy(() -> new ShellProperties(null, null, null, List.of(" ")))
                .hasMessageContaining("lync.shell.preamble[0] is empty");
    }

    @Test
    void keepsItsOwnCopiesOfTheLists() {
        List<String> launcher = new ArrayList<>(List.of("powershell.exe"));
        List<String> preamble = new ArrayList<>(List.of("Import-Module Lync"));
        ShellProperties properties = new ShellProperties(launcher, null, null, preamble);

        launcher.add("-Command");
        preamble.add("Remove-Item C:\\");

        assertThat(properties.launcher()).containsExactly("powershell.exe");
        assertThat(properties.preamble()).containsExactly("Import-Module Lync");
    }
}
