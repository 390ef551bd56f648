package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PowerShellTest {

    /** Strings that would change the command if they ever left their quoted literal. */
    static List<String> hostileValues() {
        return List.of(
                "x'; Remove-Item C:\\ -Recurse -Force; 'y",
                "''",
                "'",
                "a\u2018b\u2019c\u201Ad\u201Be",
                "\u2019; Stop-Computer; \u2018",
                "$(Stop-Computer)",
                "${env:PATH}",
                "$true",
                "@(1,2)",
                "a; b",
                "a | Out-File C:\\x",
                "`n`r`0 backtick",
                "\"double\" \"quotes\"",
                "-Force",
                "--% stop parsing",
                "# not a comment",
                "<# block #>",
                "&& || & ( ) { } [ ]",
                "\\\\backupsrv\\lyncbackup\\20261126T020000Z\\CsConfiguration.zip",
                "Ünïcødé 日本語 😀 \u00A0nbsp",
                "trailing quote'",
                "'leading quote",
                " spaces  inside ",
                "",
                "x".repeat(129));
    }

    @Test
    void quotesPlainValueInSingleQuotes() {
        assertThat(PowerShell.quote("fe01.contoso.local")).isEqualTo("'fe01.contoso.local'");
    }

    @Test
    void doublesAnApostrophe() {
        assertThat(PowerShell.quote("O'Brien")).isEqualTo("'O''Brien'");
    }

    @Test
    void doublesEachOfTwoApostrophes() {
        assertThat(PowerShell.quote("''")).isEqualTo("''''''");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u2018", "\u2019", "\u201A", "\u201B"})
    void doublesTypographicSingleQuotesBecausePowerShellEndsLiteralsOnThem(String quote) {
        assertThat(PowerShell.quote("a" + quote + "b")).isEqualTo("'a" + quote + quote + "b'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(Remove-Item C:\\)", "a; Remove-Item C:\\", "`", "a`nb", "\"quoted\"", "-Force",
            "$env:USERNAME", "a | b", "@{a=1}"})
    void keepsCharactersThatAreInertInsideASingleQuotedLiteral(String value) {
        assertThat(PowerShell.quote(value)).isEqualTo("'" + value + "'");
    }

    @Test
    void quotesLongValueWhole() {
        String value = "v".repeat(129);

        assertThat(PowerShell.quote(value)).hasSize(131).startsWith("'v").endsWith("v'");
    }

    @Test
    void keepsUnicodeAsItIs() {
        String value = "Zürich Büro 東京 😀";

        assertThat(PowerShell.quote(value)).isEqualTo("'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\u0000b", "a\u2028b", "a\u2029b", "a\tb", "a\u0085b", "\u001B[31m"})
    void refusesControlCharactersAndLineSeparators(String value) {
        assertThatThrownBy(() -> PowerShell.quote(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character")
                .hasMessageContaining(String.format("U+%04X", (int) value.chars()
                        .filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)
                        .findFirst().orElseThrow()));
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> PowerShell.quote(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void parseReadsBackEveryHostileValueUnchanged(String value) {
        Cmdlet cmdlet = Cmdlet.of("Export-CsConfiguration").with("FileName", value).withSwitch("Force");

        Cmdlet parsed = PowerShell.parse(cmdlet.render());

        assertThat(parsed).isEqualTo(cmdlet);
        assertThat(parsed.value("FileName")).contains(value);
    }

    @Test
    void parseReadsBackRandomCombinationsOfHostileCharacters() {
        // Property style: many random values over an alphabet of the characters that matter to PowerShell.
        String alphabet = "'\u2018\u2019\u201A\u201B\"`$(){};|&@#<>-_ aZ9\\/.,:=ü日😀";
        int[] codePoints = alphabet.codePoints().toArray();
        Random random = new Random(20261126L);
        for (int round = 0; round < 2000; round++) {
            Cmdlet cmdlet = Cmdlet.of("Import-CsUserData");
            int parameters = 1 + random.nextInt(4);
            for (int p = 0; p < parameters; p++) {
                if (random.nextInt(4) == 0) {
                    cmdlet = cmdlet.withSwitch("Switch" + p);
                } else {
                    StringBuilder value = new StringBuilder();
                    int length = random.nextInt(40);
                    for (int i = 0; i < length; i++) {
                        value.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                    }
                    cmdlet = cmdlet.with("Value" + p, value.toString());
                }
            }

            assertThat(PowerShell.parse(cmdlet.render())).as(cmdlet.render()).isEqualTo(cmdlet);
        }
    }

    @Test
    void parseReadsAQuotedDashValueAsAValueNotASwitch() {
        Cmdlet parsed = PowerShell.parse("Get-CsUser -Identity '-Force'");

        assertThat(parsed.value("Identity")).contains("-Force");
        assertThat(parsed.hasSwitch("Force")).isFalse();
    }

    @Test
    void parseReadsSwitches() {
        Cmdlet parsed = PowerShell.parse("Install-CsDatabase -CentralManagementDatabase -Clean");

        assertThat(parsed).isEqualTo(Cmdlet.of("Install-CsDatabase").withSwitch("CentralManagementDatabase")
                .withSwitch("Clean"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Export-CsConfiguration -FileName 'a'; Remove-Item C:\\",
            "Export-CsConfiguration -FileName 'a';Remove-Item C:\\",
            "Export-CsConfiguration -FileName 'a' ; Remove-Item C:\\",
            "Export-CsConfiguration; Remove-Item C:\\",
            "Get-CsUser -Identity 'a' | Remove-CsUser",
            "Get-CsUser | Remove-CsUser",
            "Get-CsUser -Identity a",
            "Get-CsUser -Identity $var",
            "Get-CsUser -Identity $(Stop-Computer)",
            "Get-CsUser -Identity \"a\"",
            "Get-CsUser -Identity 'a",
            "Get-CsUser -Identity 'a''",
            "Get-CsUser -Identity 'a'b'",
            "Get-CsUser -Identity 'a' 'b'",
            "Get-CsUser -Identity 'a\nb'",
            "Get-CsUser -Identity 'a'\nRemove-Item C:\\",
            "Get-CsUser -Identity 'a' &",
            "Get-CsUser -Identity 'a' # comment",
            "Get-CsUser  -Identity 'a'",
            "Get-CsUser -",
            "Get-CsUser ",
            " Get-CsUser",
            "Remove-Item C:\\",
            "& Get-CsUser",
            "Get-CsUser -Identity:'a'",
            ""})
    void parseRefusesAnythingRenderDoesNotWrite(String line) {
        assertThatThrownBy(() -> PowerShell.parse(line)).isInstanceOf(IllegalArgumentException.class);
    }
}
