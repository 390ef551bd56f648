package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CmdletTest {

    @Test
    void rendersNameParametersAndSwitchesInOrder() {
        Cmdlet cmdlet = Cmdlet.of("Export-CsUserData")
                .with("PoolFqdn", "pool01.contoso.local")
                .with("FileName", "\\\\backupsrv\\lyncbackup\\set\\UserData.zip")
                .withSwitch("Verbose");

        assertThat(cmdlet.render()).isEqualTo("Export-CsUserData -PoolFqdn 'pool01.contoso.local'"
                + " -FileName '\\\\backupsrv\\lyncbackup\\set\\UserData.zip' -Verbose");
        assertThat(cmdlet).hasToString(cmdlet.render());
    }

    @Test
    void rendersAnApostropheInAValueDoubled() {
        Cmdlet cmdlet = Cmdlet.of("Get-CsUser").with("Identity", "sip:o'brien@contoso.com");

        assertThat(cmdlet.render()).isEqualTo("Get-CsUser -Identity 'sip:o''brien@contoso.com'");
    }

    @Test
    void rendersADashValueAsAQuotedLiteralNotAsASwitch() {
        Cmdlet cmdlet = Cmdlet.of("Get-CsUser").with("Identity", "-Force");

        assertThat(cmdlet.render()).isEqualTo("Get-CsUser -Identity '-Force'");
        assertThat(cmdlet.hasSwitch("Force")).isFalse();
    }

    @Test
    void rendersAnInjectionAttemptInsideOneLiteral() {
        String attack = "x'; Remove-Item C:\\ -Recurse; '";

        String line = Cmdlet.of("Export-CsConfiguration").with("FileName", attack).render();

        assertThat(line).isEqualTo("Export-CsConfiguration -FileName 'x''; Remove-Item C:\\ -Recurse; '''");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\u0000", "\u2028"})
    void refusesAValueWithALineBreakOrNulNamingTheParameter(String bad) {
        Cmdlet cmdlet = Cmdlet.of("Export-CsConfiguration");

        assertThatThrownBy(() -> cmdlet.with("FileName", "C:\\backup" + bad + "Remove-Item C:\\"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-FileName")
                .hasMessageContaining(String.format("U+%04X", (int) bad.charAt(0)))
                .hasMessageContaining("position 9");
    }

    @Test
    void refusesAMissingValueNamingTheParameter() {
        assertThatThrownBy(() -> Cmdlet.of("Export-CsConfiguration").with("FileName", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-FileName");
    }

    @Test
    void refusesToRenderAControlCharacterEvenInAParameterBuiltDirectly() {
        Cmdlet cmdlet = new Cmdlet("Export-CsConfiguration",
                List.of(new Cmdlet.Parameter("FileName", "a\nRemove-Item C:\\")));

        assertThatThrownBy(cmdlet::render).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+000A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Remove-Item", "Export-CsConfiguration;", "Export-CsConfiguration Remove-Item",
            "export-csconfiguration", "Export-Cs", "Export-CsConfiguration'", "&Export-CsConfiguration", ""})
    void refusesNamesThatAreNotLyncCmdlets(String name) {
        assertThatThrownBy(() -> Cmdlet.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Lync cmdlet name");
    }

    @Test
    void refusesANullName() {
        assertThatThrownBy(() -> Cmdlet.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"File Name", "-FileName", "FileName;", "File'Name", "1Name", "", "Fïle"})
    void refusesParameterNamesThatCouldCarryCode(String name) {
        Cmdlet cmdlet = Cmdlet.of("Export-CsConfiguration");

        assertThatThrownBy(() -> cmdlet.withSwitch(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PowerShell parameter name");
        assertThatThrownBy(() -> cmdlet.with(name, "value")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsValuesAndSwitchesIgnoringCase() {
        Cmdlet cmdlet = Cmdlet.of("Install-CsDatabase").with("SqlServerFqdn", "sql01.contoso.local")
                .withSwitch("Clean");

        assertThat(cmdlet.value("sqlserverfqdn")).contains("sql01.contoso.local");
        assertThat(cmdlet.value("Clean")).isEmpty();
        assertThat(cmdlet.hasSwitch("CLEAN")).isTrue();
        assertThat(cmdlet.hasSwitch("SqlServerFqdn")).isFalse();
        assertThat(cmdlet.value("Missing")).isEmpty();
    }

    @Test
    void staysUnchangedWhenExtendedOrWhenTheCallersListChanges() {
        List<Cmdlet.Parameter> parameters = new ArrayList<>(List.of(new Cmdlet.Parameter("Clean", null)));
        Cmdlet original = new Cmdlet("Install-CsDatabase", parameters);

        Cmdlet extended = original.withSwitch("Force");
        parameters.add(new Cmdlet.Parameter("Other", null));

        assertThat(original.render()).isEqualTo("Install-CsDatabase -Clean");
        assertThat(extended.render()).isEqualTo("Install-CsDatabase -Clean -Force");
        assertThatThrownBy(() -> original.parameters().add(new Cmdlet.Parameter("X", null)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
