package org.lyncrunbooks.sqlserver;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this application talks to the topology's SQL Server instances ({@code lync.sql.*}).
 *
 * @param encrypt                TLS for the connection (mssql-jdbc {@code encrypt}); default true. Java 17 turns
 *                               TLS 1.0/1.1 off, so SQL Server 2008 R2/2012 need their TLS 1.2 updates
 * @param trustServerCertificate accept the server's certificate without validating it; default false. SQL
 *                               Server 2008 R2/2012 often present a self-signed certificate: prefer importing
 *                               it into the JVM's trust store over turning this on
 * @param loginTimeout           how long a login may take; default {@code PT30S}
 * @param statementTimeout       how long one statement may run; default {@code PT0S}, no limit, because BACKUP
 *                               and RESTORE of a large Monitoring database can run for hours
 * @param adDomain               NetBIOS name of the domain holding the Lync groups (e.g. {@code CONTOSO}); lets
 *                               the restore add {@code DOMAIN\RTCComponentUniversalServices} when it is missing
 * @param credentials            how to log in, per instance or by default
 */
@ConfigurationProperties("lync.sql")
@Validated
public record SqlProperties(Boolean encrypt, Boolean trustServerCertificate, Duration loginTimeout,
                            Duration statementTimeout,
                            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,14}",
                                    message = "must be a NetBIOS domain name such as CONTOSO (1-15 letters, "
                                            + "digits, '.', '_' or '-')") String adDomain,
                            @Valid Credentials credentials) {

    /** mssql-jdbc accepts login timeouts of 0 to 65535 seconds. */
    private static final long MAX_LOGIN_TIMEOUT_SECONDS = 65_535;

    public SqlProperties {
        encrypt = encrypt == null || encrypt;
        trustServerCertificate = trustServerCertificate != null && trustServerCertificate;
        loginTimeout = loginTimeout == null ? Duration.ofSeconds(30) : loginTimeout;
        statementTimeout = statementTimeout == null ? Duration.ZERO : statementTimeout;
        if (loginTimeout.isNegative() || loginTimeout.isZero() || seconds(loginTimeout) > MAX_LOGIN_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("lync.sql.login-timeout must be between 1 second and "
                    + MAX_LOGIN_TIMEOUT_SECONDS + " seconds, not " + loginTimeout);
        }
        if (statementTimeout.isNegative() || seconds(statementTimeout) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("lync.sql.statement-timeout must be PT0S (no limit) or a positive "
                    + "duration, not " + statementTimeout);
        }
        adDomain = adDomain == null || adDomain.isBlank() ? null : adDomain.trim();
        credentials = credentials == null ? new Credentials(null, null) : credentials;
    }

    /** All defaults: encrypted, certificate validated, Windows authentication, no AD domain. */
    public static SqlProperties defaults() {
        return new SqlProperties(null, null, null, null, null, null);
    }

    /** The credential configured for this instance (case-insensitive), or the defaults. */
    public SqlCredential credentialFor(SqlStoreRef instance) {
        String key = Instances.key(instance);
        return credentials.instances().stream()
                .filter(c -> Instances.key(c.instance()).equals(key))
                .findFirst()
                .orElse(credentials.defaults());
    }

    /** The login timeout in whole seconds, rounded up, as mssql-jdbc's {@code loginTimeout} takes it. */
    public int loginTimeoutSeconds() {
        return (int) seconds(loginTimeout);
    }

    /** The statement timeout in whole seconds, rounded up, for {@code Statement.setQueryTimeout}; 0 = none. */
    public int statementTimeoutSeconds() {
        return (int) seconds(statementTimeout);
    }

    private static long seconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    /**
     * The credentials: one entry per instance that needs its own, and the defaults for every other.
     *
     * @param defaults  used for instances without an entry; Windows authentication when not given
     * @param instances entries whose {@code instance} is {@code fqdn\instance}
     */
    public record Credentials(SqlCredential defaults, List<@Valid SqlCredential> instances) {

        public Credentials {
            defaults = defaults == null ? SqlCredential.integrated() : defaults;
            instances = instances == null ? List.of() : List.copyOf(instances);
            if (defaults.instance() != null) {
                throw new IllegalArgumentException("lync.sql.credentials.defaults applies to every instance; move the "
                        + "entry for '" + TSql.printable(defaults.instance()) + "' to lync.sql.credentials.instances");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < instances.size(); i++) {
                SqlCredential credential = instances.get(i);
                if (credential.instance() == null) {
                    throw new IllegalArgumentException("lync.sql.credentials.instances[" + i + "].instance is missing "
                            + "(fqdn\\instance, e.g. sql01.contoso.local\\rtc)");
                }
                if (!seen.add(Instances.key(credential.instance()))) {
                    throw new IllegalArgumentException("lync.sql.credentials.instances[" + i + "]: '"
                            + TSql.printable(credential.instance()) + "' is listed twice");
                }
            }
        }
    }
}
