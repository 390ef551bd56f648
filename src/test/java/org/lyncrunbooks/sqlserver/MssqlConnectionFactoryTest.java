package org.lyncrunbooks.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.sqlserver.SqlCredential.AuthenticationScheme;
import org.lyncrunbooks.topology.SqlStoreRef;

class MssqlConnectionFactoryTest {

    private static final SqlStoreRef SQL01 = new SqlStoreRef("sql01.contoso.local", "rtc");
    private static final String SECRET = "s3cr3t;user=sa;{x}";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "LYNC_SQL01_PASSWORD", SECRET,
            "LYNC_OTHER_PASSWORD", "hunter2");

    private final RecordingDriver driver = new RecordingDriver();

    @Test
    void buildsTheUrlOfANamedInstance() {
        MssqlConnectionFactory factory = factory(SqlProperties.defaults());

        assertThat(factory.url(SQL01)).isEqualTo("jdbc:sqlserver://sql01.contoso.local;instanceName=rtc;"
                + "databaseName=master;encrypt=true;trustServerCertificate=false;loginTimeout=30;"
                + "applicationName=lync-runbooks");
    }

    @Test
    void buildsTheUrlOfADefaultInstanceWithoutAnInstanceName() {
        MssqlConnectionFactory factory = factory(new SqlProperties(false, true, Duration.ofMillis(1500), null,
                null, null));
        String expected = "jdbc:sqlserver://sql02.contoso.local;databaseName=master;encrypt=false;"
                + "trustServerCertificate=true;loginTimeout=2;applicationName=lync-runbooks";

        assertThat(factory.url(new SqlStoreRef("sql02.contoso.local", null))).isEqualTo(expected);
        assertThat(factory.url(new SqlStoreRef("sql02.contoso.local", "MSSQLSERVER"))).isEqualTo(expected);
    }

    @Test
    void theRealDriverReadsTheUrlAsIntended() throws SQLException {
        String url = factory(SqlProperties.defaults()).url(SQL01);

        Map<String, String> parsed = Arrays.stream(new SQLServerDriver().getPropertyInfo(url, new Properties()))
                .filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.name, p -> p.value));

        assertThat(parsed).containsEntry("serverName", "sql01.contoso.local")
                .containsEntry("instanceName", "rtc")
                .containsEntry("databaseName", "master")
                .containsEntry("trustServerCertificate", "false")
                .containsEntry("loginTimeout", "30")
                .containsEntry("applicationName", "lync-runbooks");
        // mssql-jdbc normalises encrypt to its EncryptOption spelling ("True").
        assertThat(parsed.get("encrypt")).isEqualToIgnoringCase("true");
        assertThat(parsed.get("user")).isNullOrEmpty();
        assertThat(parsed.get("password")).isNullOrEmpty();
    }

    @Test
    void logsInWithWindowsAuthenticationByDefault() throws SQLException {
        factory(SqlProperties.defaults()).open(SQL01);

        assertThat(driver.connects).singleElement().satisfies(connect -> {
            assertThat(connect.properties()).containsOnly(Map.entry("integratedSecurity", "true"),
                    Map.entry("authenticationScheme", "NativeAuthentication"));
        });
    }

    @Test
    void passesThePasswordFromTheEnvironmentInPropertiesNeverInTheUrl() throws SQLException {
        SqlCredential login = new SqlCredential("SQL01.CONTOSO.LOCAL\\RTC", false, "lyncbackup",
                "LYNC_SQL01_PASSWORD", null, null);

        factory(withInstanceCredential(login)).open(SQL01);

        Connect connect = driver.connects.get(0);
        assertThat(connect.url()).doesNotContain(SECRET).doesNotContain("lyncbackup").doesNotContain("password");
        assertThat(connect.properties()).containsOnly(Map.entry("user", "lyncbackup"), Map.entry("password", SECRET));
        assertThat(connect.passed()).as("the Properties after connect").doesNotContainKey("password");
    }

    @Test
    void readsThePasswordFileAtConnectTimeWithoutItsLineBreak(@TempDir Path dir) throws IOException, SQLException {
        Path file = dir.resolve("sql01.password");
        Files.writeString(file, "first\n");
        SqlCredential login = new SqlCredential("sql01.contoso.local\\rtc", null, "lyncbackup", null,
                file.toString(), null);
        MssqlConnectionFactory factory = factory(withInstanceCredential(login));

        factory.open(SQL01);
        Files.writeString(file, "rotated\r\n");
        factory.open(SQL01);

        assertThat(driver.connects).extracting(c -> c.properties().get("password")).containsExactly("first", "rotated");
    }

    @Test
    void namesTheMissingEnvironmentVariableAndNoSecret() {
        SqlCredential login = new SqlCredential("sql01.contoso.local\\rtc", false, "lyncbackup",
                "LYNC_SQL01_MISSING", null, null);

        assertThatThrownBy(() -> factory(withInstanceCredential(login)).open(SQL01))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessage("the SQL Server password for sql01.contoso.local\\rtc comes from the environment variable "
                        + "LYNC_SQL01_MISSING, which is not set")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("hunter2"));
        assertThat(driver.connects).isEmpty();
    }

    @Test
    void refusesAnEmptyEnvironmentVariable() {
        SqlCredential login = new SqlCredential(null, false, "lyncbackup", "EMPTY", null, null);
        MssqlConnectionFactory factory = new MssqlConnectionFactory(
                new SqlProperties(null, null, null, null, null, new SqlProperties.Credentials(login, null)),
                name -> name.equals("EMPTY") ? "" : null, driver);

        assertThatThrownBy(() -> factory.open(SQL01)).hasMessageContaining("EMPTY, which is empty");
    }

    @Test
    void namesAMissingPasswordFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.password");
        SqlCredential login = new SqlCredential(null, false, "lyncbackup", null, missing.toString(), null);

        assertThatThrownBy(() -> factory(withDefaultCredential(login)).open(SQL01))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessage("the SQL Server password for sql01.contoso.local\\rtc comes from the file '" + missing
                        + "', which cannot be read (NoSuchFileException)");
        assertThat(driver.connects).isEmpty();
    }

    @Test
    void refusesAPasswordFileOfSeveralLinesWithoutQuotingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("wrong.txt"), "password: hunter2\nuser: sa\n");
        SqlCredential login = new SqlCredential(null, false, "lyncbackup", null, file.toString(), null);

        assertThatThrownBy(() -> factory(withDefaultCredential(login)).open(SQL01))
                .hasMessageContaining("has more than one line")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void passesAKerberosPrincipalAndItsPassword() throws SQLException {
        SqlCredential kerberos = new SqlCredential(null, null, "lyncbackup@CONTOSO.LOCAL", "LYNC_SQL01_PASSWORD",
                null, AuthenticationScheme.JAVA_KERBEROS);

        factory(withDefaultCredential(kerberos)).open(SQL01);

        assertThat(driver.connects.get(0).properties()).containsOnly(
                Map.entry("integratedSecurity", "true"),
                Map.entry("authenticationScheme", "JavaKerberos"),
                Map.entry("user", "lyncbackup@CONTOSO.LOCAL"),
                Map.entry("password", SECRET));
    }

    @Test
    void splitsTheDomainOfAnNtlmAccount() throws SQLException {
        SqlCredential ntlm = new SqlCredential(null, true, "CONTOSO\\lyncbackup", "LYNC_SQL01_PASSWORD", null,
                AuthenticationScheme.NTLM);

        factory(withDefaultCredential(ntlm)).open(SQL01);

        assertThat(driver.connects.get(0).properties()).containsOnly(
                Map.entry("integratedSecurity", "true"),
                Map.entry("authenticationScheme", "NTLM"),
                Map.entry("domain", "CONTOSO"),
                Map.entry("user", "lyncbackup"),
                Map.entry("password", SECRET));
    }

    @Test
    void usesTheDefaultsForAnInstanceWithoutItsOwnEntry() throws SQLException {
        SqlCredential other = new SqlCredential("sql09.contoso.local\\rtc", false, "someone", "LYNC_OTHER_PASSWORD",
                null, null);

        factory(withInstanceCredential(other)).open(SQL01);

        assertThat(driver.connects.get(0).properties()).containsEntry("authenticationScheme", "NativeAuthentication")
                .doesNotContainKey("password");
    }

    @Test
    void refusesHostileHostNames() {
        MssqlConnectionFactory factory = factory(SqlProperties.defaults());
        for (String host : new String[] {"sql01;integratedSecurity=false", "sql01 .contoso.local", "sql{01}",
                "a=b", "sql01\r\n", "sql01\\rtc", "-sql01", "", null}) {
            assertThatThrownBy(() -> factory.open(new SqlStoreRef(host, "rtc")))
                    .as("host %s", TSql.printable(host))
                    .isExactlyInstanceOf(SqlServerException.class)
                    .hasMessageStartingWith("refusing SQL Server host '" + TSql.printable(host) + "'");
        }
        assertThat(driver.connects).isEmpty();
    }

    @Test
    void refusesHostileInstanceNames() {
        MssqlConnectionFactory factory = factory(SqlProperties.defaults());
        for (String instance : new String[] {"rtc;user=sa", "rtc}", "r tc", "rtc\0", "rtc=1", "-rtc",
                "a".repeat(17)}) {
            assertThatThrownBy(() -> factory.open(new SqlStoreRef("sql01.contoso.local", instance)))
                    .as("instance %s", TSql.printable(instance))
                    .isExactlyInstanceOf(SqlServerException.class)
                    .hasMessageStartingWith("refusing SQL Server instance name '" + TSql.printable(instance) + "'");
        }
        assertThat(driver.connects).isEmpty();
    }

    @Test
    void reportsADriverThatDoesNotAcceptTheUrl() {
        driver.answer = null;

        assertThatThrownBy(() -> factory(SqlProperties.defaults()).open(SQL01))
                .isExactlyInstanceOf(SqlServerException.class)
                .hasMessageContaining("did not accept the connection URL for sql01.contoso.local\\rtc");
    }

    private MssqlConnectionFactory factory(SqlProperties properties) {
        Function<String, String> environment = ENVIRONMENT::get;
        return new MssqlConnectionFactory(properties, environment, driver);
    }

    private static SqlProperties withInstanceCredential(SqlCredential credential) {
        return new SqlProperties(null, null, null, null, null,
                new SqlProperties.Credentials(null, List.of(credential)));
    }

    private static SqlProperties withDefaultCredential(SqlCredential credential) {
        return new SqlProperties(null, null, null, null, null, new SqlProperties.Credentials(credential, null));
    }

    /** One {@code connect} call: the URL, a copy of the properties as the driver got them, and the object itself. */
    private record Connect(String url, Map<String, String> properties, Properties passed) {
    }

    /** A {@link Driver} that records what it is asked to connect with and answers with a scripted connection. */
    private static final class RecordingDriver implements Driver {
        final List<Connect> connects = new ArrayList<>();
        Connection answer = new RecordingJdbc().connection();

        @Override
        public Connection connect(String url, Properties info) {
            Map<String, String> copy = info.stringPropertyNames().stream()
                    .collect(Collectors.toMap(name -> name, info::getProperty));
            connects.add(new Connect(url, copy, info));
            return answer;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:sqlserver:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 0;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("recording");
        }
    }
}
