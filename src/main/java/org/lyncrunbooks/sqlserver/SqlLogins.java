package org.lyncrunbooks.sqlserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

import org.lyncrunbooks.sqlserver.SqlCredential.AuthenticationScheme;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * Turns the configured credential of an instance ({@code lync.sql.credentials}) into the login a SQL Server
 * receives: {@code user}, {@code domain}, {@code integratedSecurity}, {@code authenticationScheme} and the
 * {@code password}, read from its environment variable or file at that moment. Used by the mssql-jdbc connection
 * and by the lab's SQL Server, so the lab checks the same login the real server would get. Error messages name
 * the reference (variable or file), never its content.
 */
public final class SqlLogins {

    private final SqlProperties properties;
    private final Function<String, String> environment;

    public SqlLogins(SqlProperties properties) {
        this(properties, System::getenv);
    }

    public SqlLogins(SqlProperties properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** The driver properties for the instance's credential, the password (if any) included. */
    public Properties loginProperties(SqlStoreRef instance) {
        SqlCredential credential = properties.credentialFor(instance);
        Properties info = new Properties();
        if (credential.integratedSecurity()) {
            info.setProperty("integratedSecurity", "true");
            info.setProperty("authenticationScheme", credential.authenticationScheme().driverValue());
        }
        String username = credential.username();
        if (username != null) {
            int slash = username.indexOf('\\');
            if (credential.authenticationScheme() == AuthenticationScheme.NTLM && slash > 0) {
                info.setProperty("domain", username.substring(0, slash));
                username = username.substring(slash + 1);
            }
            info.setProperty("user", username);
        }
        if (credential.hasPassword()) {
            info.setProperty("password", readPassword(credential, instance));
        }
        return info;
    }

    private String readPassword(SqlCredential credential, SqlStoreRef instance) {
        String display = Instances.display(instance);
        if (credential.passwordEnv() != null) {
            String name = credential.passwordEnv();
            String value = environment.apply(name);
            if (value == null) {
                throw new SqlServerException("the SQL Server password for " + display + " comes from the environment "
                        + "variable " + name + ", which is not set");
            }
            if (value.isEmpty()) {
                throw new SqlServerException("the SQL Server password for " + display + " comes from the environment "
                        + "variable " + name + ", which is empty");
            }
            return value;
        }
        String file = credential.passwordFile();
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            // The exception's own message is left out: for a malformed file it could quote the content.
            throw new SqlServerException("the SQL Server password for " + display + " comes from the file '"
                    + TSql.printable(file) + "', which cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty()) {
            throw new SqlServerException("the SQL Server password file '" + TSql.printable(file) + "' for " + display
                    + " is empty");
        }
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new SqlServerException("the SQL Server password file '" + TSql.printable(file) + "' for " + display
                    + " has more than one line; it must hold the password alone");
        }
        return password;
    }
}
