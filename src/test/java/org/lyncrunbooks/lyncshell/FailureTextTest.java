package org.lyncrunbooks.lyncshell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void prefersStandardErrorOverStandardOutput() {
        assertThat(FailureText.detail("  Access is denied.\n", "progress\n")).isEqualTo("Access is denied.");
    }

    @Test
    void fallsBackToStandardOutputWhenStandardErrorIsBlank() {
        assertThat(FailureText.detail(" \n", "\nCannot find the topology.\n")).isEqualTo("Cannot find the topology.");
    }

    @Test
    void isEmptyWhenNothingWasWritten() {
        assertThat(FailureText.detail("", null)).isEmpty();
    }

    @Test
    void normalisesWindowsLineEndsAndDropsTerminalControl() {
        String stderr = "\u001B[31;1mExport-CsConfiguration : Access is denied.\u001B[0m\r\n"
                + "At line:3 char:1\r\n\u0007";

        assertThat(FailureText.clean(stderr))
                .isEqualTo("Export-CsConfiguration : Access is denied.\nAt line:3 char:1");
    }

    @Test
    void readsTheErrorStringsOutOfPowerShellClixml() {
        String stderr = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T>"
                + "</TN><MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Loading module</AV></PR></MS></Obj>"
                + "<S S=\"Error\">Export-CsConfiguration : Cannot open \"\\\\backupsrv\\lync\" &amp; retry_x000D__x000A_</S>"
                + "<S S=\"Error\">At line:3 char:1_x000D__x000A_</S></Objs>";

        assertThat(FailureText.clean(stderr))
                .isEqualTo("Export-CsConfiguration : Cannot open \"\\\\backupsrv\\lync\" & retry\nAt line:3 char:1");
    }

    @Test
    void keepsPlainTextAroundClixml() {
        assertThat(FailureText.clean("ssh: warning\n#< CLIXML\n<Objs Version=\"1.1.0.1\"><S S=\"Error\">boom</S></Objs>"))
                .isEqualTo("ssh: warning\nboom");
    }

    @Test
    void keepsTheLastCharactersOfALongText() {
        String text = "first line\n" + "x".repeat(5000) + "\nlast line";

        String cleaned = FailureText.clean(text);

        assertThat(cleaned).hasSize(FailureText.MAX_LENGTH).startsWith("…").endsWith("x\nlast line");
    }

    @Test
    void doesNotCutASurrogatePairInHalf() {
        String text = "😀".repeat(3000);

        String cleaned = FailureText.clean(text);

        assertThat(cleaned).startsWith("…😀").hasSizeLessThanOrEqualTo(FailureText.MAX_LENGTH);
        assertThat(cleaned.substring(1).codePoints()).allMatch(c -> c == "😀".codePointAt(0));
    }
}
