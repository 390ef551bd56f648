package org.lyncrunbooks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    static final String CANARY = "Canary-9f2e!x";

    @Test
    void connectionStringPasswordsAreMaskedAndTheRestIsKept() {
        assertThat(Redaction.scrub("Data Source=sql01\\rtc;User ID=lync;Password=" + CANARY + ";Encrypt=true"))
                .isEqualTo("Data Source=sql01\\rtc;User ID=lync;Password=****;Encrypt=true");
        assertThat(Redaction.scrub("jdbc:sqlserver://sql01;user=lync;password={" + CANARY + "};encrypt=true"))
                .isEqualTo("jdbc:sqlserver://sql01;user=lync;password={****};encrypt=true");
        assertThat(Redaction.scrub("Server=x;Uid=lync;Pwd=" + CANARY)).isEqualTo("Server=x;Uid=lync;Pwd=****");
    }

    @Test
    void urlsQueryStringsAndUserInfoAreMasked() {
        assertThat(Redaction.scrub("not a valid PostgreSQL JDBC URL: jdbc:postgresql://db:5432/lync?user=lync&password="
                + CANARY + "&ssl=true")).doesNotContain(CANARY).contains("password=****&ssl=true");
        assertThat(Redaction.scrub("cannot reach postgresql://lync:" + CANARY + "@db.contoso.local:5432/engine"))
                .isEqualTo("cannot reach postgresql://lync:****@db.contoso.local:5432/engine");
    }

    @Test
    void quotedEnvironmentAndJsonFormsAreMasked() {
        assertThat(Redaction.scrub("PGPASSWORD=" + CANARY + " pg_dump")).isEqualTo("PGPASSWORD=**** pg_dump");
        assertThat(Redaction.scrub("{\"password\": \"" + CANARY + "\", \"user\": \"x\"}"))
                .isEqualTo("{\"password\": \"****\", \"user\": \"x\"}");
        assertThat(Redaction.scrub("-Password '" + CANARY + "'")).doesNotContain(CANARY);
        assertThat(Redaction.scrub("$secret = '" + CANARY + "'")).doesNotContain(CANARY);
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        String text = "BACKUP DATABASE [rtcxds] TO DISK = N'\\\\backup\\set\\rtcxds.bak' failed: Operating system error 5";
        assertThat(Redaction.scrub(text)).isEqualTo(text);
        assertThat(Redaction.scrub(null)).isNull();
        assertThat(Redaction.scrub("the password file '/etc/lync/sql.pw' for sql01 is empty")).isEqualTo(
                "the password file '/etc/lync/sql.pw' for sql01 is empty");
    }
}
