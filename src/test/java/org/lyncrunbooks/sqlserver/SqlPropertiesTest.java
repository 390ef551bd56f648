package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lyncrunbooks.sqlserver.SqlCredential.AuthenticationScheme;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SqlPropertiesTest {

    private static final SqlStoreRef SQL01 = new SqlStoreRef("sql01.contoso.local", "rtc");

    @Test
    void defaultsToEncryptedValidatedWindowsAuthenticationWithoutStatementLimit() {
        SqlProperties defaults = SqlProperties.defaults();

        assertThat(defaults.encrypt()).isTrue();
        assertThat(defaults.trustServerCertificate()).isFalse();
        assertThat(defaults.loginTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.statementTimeout()).isEqualTo(Duration.ZERO);
        assertThat(defaults.statementTimeoutSeconds()).isZero();
        assertThat(defaults.adDomain()).isNull();
        assertThat(defaults.credentialFor(SQL01)).isEqualTo(SqlCredential.integrated());
        assertThat(SqlCredential.integrated().authenticationScheme()).isEqualTo(AuthenticationScheme.NATIVE_AUTHENTICATION);
    }

    @Test
    void bindsFromConfigurationKeys() {
        Map<String, String> yaml = Map.ofEntries(
                Map.entry("lync.sql.trust-server-certificate", "true"),
                Map.entry("lync.sql.statement-timeout", "PT6H"),
                Map.entry("lync.sql.ad-domain", "CONTOSO"),
                Map.entry("lync.sql.credentials.defaults.authentication-scheme", "JavaKerberos"),
                Map.entry("lync.sql.credentials.instances[0].instance", "sql01.contoso.local\\rtc"),
                Map.entry("lync.sql.credentials.instances[0].username", "lyncbackup"),
                Map.entry("lync.sql.credentials.instances[0].password-env", "LYNC_SQL01_PASSWORD"));

        SqlProperties bound = new Binder(new MapConfigurationPropertySource(yaml))
                .bind("lync.sql", SqlProperties.class).get();

        assertThat(bound.trustServerCertificate()).isTrue();
        assertThat(bound.statementTimeoutSeconds()).isEqualTo(6 * 3600);
        assertThat(bound.adDomain()).isEqualTo("CONTOSO");
        assertThat(bound.credentials().defaults().authenticationScheme()).isEqualTo(AuthenticationScheme.JAVA_KERBEROS);
        assertThat(bound.credentialFor(SQL01)).isEqualTo(new SqlCredential("sql01.contoso.local\\rtc", false,
                "lyncbackup", "LYNC_SQL01_PASSWORD", null, null));
        assertThat(bound.credentialFor(new SqlStoreRef("sql02.contoso.local", "rtc")).authenticationScheme())
                .isEqualTo(AuthenticationScheme.JAVA_KERBEROS);
    }

    @Test
    void findsTheInstanceEntryWhateverItsCase() {
        SqlCredential entry = new SqlCredential("SQL01.Contoso.Local\\RTC", false, "u", "P", null, null);
        SqlProperties properties = new SqlProperties(null, null, null, null, null,
                new SqlProperties.Credentials(null, List.of(entry)));

        assertThat(properties.credentialFor(SQL01)).isSameAs(entry);
    }

    @Test
    void findsTheEntryOfADefaultInstanceByItsFqdn() {
        SqlCredential entry = new SqlCredential("sql02.contoso.local", false, "u", "P", null, null);
        SqlProperties properties = new SqlProperties(null, null, null, null, null,
                new SqlProperties.Credentials(null, List.of(entry)));

        assertThat(properties.credentialFor(new SqlStoreRef("sql02.contoso.local", "MSSQLSERVER"))).isSameAs(entry);
    }

    @Test
    void refusesAPasswordEnvThatIsNotAVariableNameWithoutEchoingIt() {
        assertThatThrownBy(() -> new SqlCredential(null, false, "sa", "P@ssw0rd!", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME of the environment variable")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("P@ssw0rd!"));
    }

    @Test
    void refusesAmbiguousOrIncompleteCredentials() {
        assertThatThrownBy(() -> new SqlCredential(null, false, "sa", "A", "/run/secrets/a", null))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new SqlCredential(null, false, "sa", null, null, null))
                .hasMessageContaining("needs username and password-env or password-file");
        assertThatThrownBy(() -> new SqlCredential(null, true, "sa", "A", null, null))
                .hasMessageContaining("NativeAuthentication logs in as the Windows account");
        assertThatThrownBy(() -> new SqlCredential(null, null, null, "A", null, AuthenticationScheme.JAVA_KERBEROS))
                .hasMessageContaining("JavaKerberos takes either");
        assertThatThrownBy(() -> new SqlCredential(null, null, "CONTOSO\\u", null, null, AuthenticationScheme.NTLM))
                .hasMessageContaining("NTLM needs username");
        assertThatThrownBy(() -> new SqlCredential(null, false, "sa", "A", null, AuthenticationScheme.NTLM))
                .hasMessageContaining("applies to integrated security only");
    }

    @Test
    void treatsAUserNameWithoutIntegratedSecurityAsASqlLogin() {
        assertThat(new SqlCredential(null, null, "sa", "A", null, null).integratedSecurity()).isFalse();
        assertThat(new SqlCredential(null, null, null, null, null, null).integratedSecurity()).isTrue();
    }

    @Test
    void refusesMisplacedOrDuplicateInstanceEntries() {
        SqlCredential entry = new SqlCredential("sql01.contoso.local\\rtc", false, "u", "P", null, null);
        SqlCredential same = new SqlCredential("SQL01.contoso.local\\RTC", false, "v", "Q", null, null);
        SqlCredential anonymous = new SqlCredential(null, false, "u", "P", null, null);

        assertThatThrownBy(() -> new SqlProperties.Credentials(entry, null))
                .hasMessageContaining("move the entry for 'sql01.contoso.local\\rtc'");
        assertThatThrownBy(() -> new SqlProperties.Credentials(null, List.of(entry, same)))
                .hasMessageContaining("instances[1]").hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new SqlProperties.Credentials(null, List.of(anonymous)))
                .hasMessageContaining("instances[0].instance is missing");
    }

    @Test
    void refusesTimeoutsOutOfRange() {
        assertThatThrownBy(() -> new SqlProperties(null, null, Duration.ZERO, null, null, null))
                .hasMessageContaining("lync.sql.login-timeout");
        assertThatThrownBy(() -> new SqlProperties(null, null, null, Duration.ofSeconds(-1), null, null))
                .hasMessageContaining("lync.sql.statement-timeout");
    }

    @Test
    void roundsTimeoutsUpToWholeSeconds() {
        SqlProperties properties = new SqlProperties(null, null, Duration.ofMillis(200), Duration.ofMillis(1001),
                null, null);

        assertThat(properties.loginTimeoutSeconds()).isEqualTo(1);
        assertThat(properties.statementTimeoutSeconds()).isEqualTo(2);
    }

    @Test
    void stopsBindingWithTheReasonOfAnInvalidCredential() {
        Map<String, String> yaml = Map.of(
                "lync.sql.credentials.defaults.username", "sa",
                "lync.sql.credentials.defaults.integrated-security", "false");

        assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(yaml)).bind("lync.sql", SqlProperties.class))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("a SQL Server login needs username and password-env");
    }
}
