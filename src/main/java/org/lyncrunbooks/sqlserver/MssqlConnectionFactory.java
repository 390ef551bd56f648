package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to SQL Server with mssql-jdbc: the URL names only the server, instance and connection settings;
 * user and password travel in the driver's {@link Properties}, and the password is read from its environment
 * variable or file at connect time and dropped as soon as the driver has it.
 */
final class MssqlConnectionFactory implements SqlConnectionFactory {

    static final String APPLICATION_NAME = "lync-runbooks";

    private static final Logger log = LoggerFactory.getLogger(MssqlConnectionFactory.class);

    // The topology validated these already, but this is where they become part of a connection string whose
    // ';', '=', '{' and '}' are syntax, so only the characters a host or instance name can have get through.
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,15}");

    private final SqlProperties properties;
    private final SqlLogins logins;
    private final Driver driver;

    MssqlConnectionFactory(SqlProperties properties) {
        this(properties, System::getenv, new SQLServerDriver());
    }

    MssqlConnectionFactory(SqlProperties properties, Function<String, String> environment, Driver driver) {
        this.properties = properties;
        this.logins = new SqlLogins(properties, environment);
        this.driver = driver;
    }

    @Override
    public Connection open(SqlStoreRef instance) throws SQLException {
        String url = url(instance);
        Properties info = loginProperties(instance);
        log.debug("Connecting to SQL Server {} as {}", Instances.display(instance), describeLogin(info));
        try {
            Connection connection = driver.connect(url, info);
            if (connection == null) {
                throw new SqlServerException("the JDBC driver did not accept the connection URL for "
                        + Instances.display(instance));
            }
            return connection;
        } finally {
            info.remove("password");
        }
    }

    /**
     * {@code jdbc:sqlserver://fqdn;instanceName=…;databaseName=master;encrypt=…;trustServerCertificate=…;
     * loginTimeout=…;applicationName=lync-runbooks}; no credential is ever part of it.
     */
    String url(SqlStoreRef instance) {
        String host = instance.fqdn();
        if (host == null || !HOST.matcher(host).matches()) {
            throw new SqlServerException("refusing SQL Server host '" + TSql.printable(host) + "': a host name has "
                    + "only letters, digits, '.' and '-' (at most 253)");
        }
        StringBuilder url = new StringBuilder("jdbc:sqlserver://").append(host);
        if (!Instances.isDefault(instance)) {
            if (!INSTANCE.matcher(instance.instance()).matches()) {
                throw new SqlServerException("refusing SQL Server instance name '" + TSql.printable(instance.instance())
                        + "' on " + host + ": an instance name has 1-16 letters, digits, _ or $");
            }
            url.append(";instanceName=").append(instance.instance());
        }
        url.append(";databaseName=master")
                .append(";encrypt=").append(properties.encrypt())
                .append(";trustServerCertificate=").append(properties.trustServerCertificate())
                .append(";loginTimeout=").append(properties.loginTimeoutSeconds())
                .append(";applicationName=").append(APPLICATION_NAME);
        return url.toString();
    }

    /** The driver properties for the instance's credential, the password (if any) included. */
    Properties loginProperties(SqlStoreRef instance) {
        return logins.loginProperties(instance);
    }

    private static String describeLogin(Properties info) {
        String user = info.getProperty("user");
        String scheme = info.getProperty("authenticationScheme");
        if (scheme == null) {
            return "SQL Server login " + user;
        }
        return scheme + (user == null ? "" : " " + user);
    }
}
