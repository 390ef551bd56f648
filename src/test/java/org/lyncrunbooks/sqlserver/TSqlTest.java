package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TSqlTest {

    @Test
    void quotesAPlainName() {
        assertThat(TSql.quoteName("LcsCDR")).isEqualTo("[LcsCDR]");
    }

    @Test
    void doublesTheClosingBracketOfAName() {
        assertThat(TSql.quoteName("a]b")).isEqualTo("[a]]b]");
    }

    @Test
    void keepsAnInjectionAttemptInsideOneQuotedName() {
        String quoted = TSql.quoteName("x]; DROP DATABASE y--");

        assertThat(quoted).isEqualTo("[x]]; DROP DATABASE y--]");
        // Read the way SQL Server reads it: the identifier ends at the first single ']' — which is the last char.
        assertThat(endOfQuotedIdentifier(quoted)).isEqualTo(quoted.length() - 1);
    }

    @Test
    void quotesANameWithALeadingDash() {
        assertThat(TSql.quoteName("-LcsLog")).isEqualTo("[-LcsLog]");
    }

    @Test
    void acceptsANameOf128Characters() {
        String name = "n".repeat(128);

        assertThat(TSql.quoteName(name)).isEqualTo("[" + name + "]");
    }

    @Test
    void refusesANameOf129Characters() {
        assertThatThrownBy(() -> TSql.quoteName("n".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("129 characters")
                .hasMessageContaining("at most 128");
    }

    @Test
    void refusesANameWithALineBreakAndShowsItPrintably() {
        assertThatThrownBy(() -> TSql.quoteName("LcsCDR\r\nDROP DATABASE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LcsCDR\\u000d\\u000aDROP DATABASE x")
                .hasMessageContaining("position 6")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n"));
    }

    @Test
    void refusesNulTabAndUnicodeLineSeparatorInNames() {
        for (String name : new String[] {"a\0b", "a\tb", "a\u2028b", "a\u0085b"}) {
            assertThatThrownBy(() -> TSql.quoteName(name))
                    .as("name %s", TSql.printable(name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("control character");
        }
    }

    @Test
    void refusesAMissingName() {
        assertThatThrownBy(() -> TSql.quoteName(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TSql.quoteName("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesAStringAsUnicodeLiteralWithDoubledApostrophes() {
        assertThat(TSql.quoteString("\\\\backupsrv\\lync\\O'Brien.bak"))
                .isEqualTo("N'\\\\backupsrv\\lync\\O''Brien.bak'");
    }

    @Test
    void keepsAnInjectionAttemptInAPathInsideOneLiteral() {
        String quoted = TSql.quoteString("'; EXEC xp_cmdshell 'x'--");

        assertThat(quoted).isEqualTo("N'''; EXEC xp_cmdshell ''x''--'");
        assertThat(endOfStringLiteral(quoted)).isEqualTo(quoted.length() - 1);
    }

    @Test
    void refusesLineBreaksAndNulInStrings() {
        for (String value : new String[] {"a\rb", "a\nb", "a\0b"}) {
            assertThatThrownBy(() -> TSql.quoteString(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NUL or line-break");
        }
        assertThatThrownBy(() -> TSql.quoteString(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsTheBackupStatement() {
        assertThat(TSql.backupDatabase("LcsCDR", "\\\\backupsrv\\lync\\20261126T020000Z.partial\\sql\\LcsCDR.bak"))
                .isEqualTo("BACKUP DATABASE [LcsCDR] TO DISK = "
                        + "N'\\\\backupsrv\\lync\\20261126T020000Z.partial\\sql\\LcsCDR.bak' WITH CHECKSUM, INIT");
    }

    @Test
    void buildsACopyOnlyBackupThatStaysOutOfTheBackupChain() {
        assertThat(TSql.backupDatabase("LcsCDR", "\\\\backupsrv\\lync\\LcsCDR.bak", true))
                .isEqualTo("BACKUP DATABASE [LcsCDR] TO DISK = N'\\\\backupsrv\\lync\\LcsCDR.bak' WITH COPY_ONLY, CHECKSUM, INIT");
    }

    @Test
    void buildsTheBackupStatementForHostileNameAndPath() {
        assertThat(TSql.backupDatabase("x]; DROP DATABASE y--", "C:\\b\\'; EXEC xp_cmdshell 'x'--.bak"))
                .isEqualTo("BACKUP DATABASE [x]]; DROP DATABASE y--] TO DISK = "
                        + "N'C:\\b\\''; EXEC xp_cmdshell ''x''--.bak' WITH CHECKSUM, INIT");
    }

    @Test
    void buildsTheVerifyStatement() {
        assertThat(TSql.verifyOnly("C:\\b\\LcsLog.bak"))
                .isEqualTo("RESTORE VERIFYONLY FROM DISK = N'C:\\b\\LcsLog.bak' WITH CHECKSUM");
    }

    @Test
    void buildsTheRestoreStatementWithAndWithoutReplace() {
        assertThat(TSql.restoreDatabase("QoEMetrics", "C:\\b\\QoEMetrics.bak", false))
                .isEqualTo("RESTORE DATABASE [QoEMetrics] FROM DISK = N'C:\\b\\QoEMetrics.bak' WITH CHECKSUM");
        assertThat(TSql.restoreDatabase("QoEMetrics", "C:\\b\\QoEMetrics.bak", true))
                .isEqualTo("RESTORE DATABASE [QoEMetrics] FROM DISK = N'C:\\b\\QoEMetrics.bak' WITH CHECKSUM, REPLACE");
    }

    @Test
    void buildsTheUserAccessStatements() {
        assertThat(TSql.setSingleUser("a]b")).isEqualTo("ALTER DATABASE [a]]b] SET SINGLE_USER WITH ROLLBACK IMMEDIATE");
        assertThat(TSql.setMultiUser("a]b")).isEqualTo("ALTER DATABASE [a]]b] SET MULTI_USER");
    }

    @Test
    void refusesABlankBackupPath() {
        assertThatThrownBy(() -> TSql.verifyOnly(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backup file path is missing");
    }

    /** Index of the ']' that closes a bracket-quoted identifier starting at 0, reading ']]' as an escaped ']'. */
    private static int endOfQuotedIdentifier(String sql) {
        assertThat(sql).startsWith("[");
        for (int i = 1; i < sql.length(); i++) {
            if (sql.charAt(i) == ']') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == ']') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Index of the quote that closes an N'…' literal starting at 0, reading '' as an escaped quote. */
    private static int endOfStringLiteral(String sql) {
        assertThat(sql).startsWith("N'");
        for (int i = 2; i < sql.length(); i++) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
