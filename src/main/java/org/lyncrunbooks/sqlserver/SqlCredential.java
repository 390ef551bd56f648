package org.lyncrunbooks.sqlserver;

import java.util.regex.Pattern;

/**
 * How to log in to one SQL Server instance ({@code lync.sql.credentials.*}); a password is only ever
 * referenced, by the name of an environment variable or the path of a file, never written here.
 *
 * <p>Without a user name the login is Windows authentication ({@code integratedSecurity=true}); with a user
 * name and no {@code integrated-security} it is a SQL Server login. Integrated security takes one of the
 * schemes mssql-jdbc documents for {@code authenticationScheme}:
 * <ul>
 *   <li>{@code NativeAuthentication} (the default): the Windows account this application runs as; needs
 *       Windows and the {@code mssql-jdbc_auth} DLL on the library path; no user name;</li>
 *   <li>{@code JavaKerberos}: pure-Java Kerberos from the ticket cache ({@code kinit}), or, when a user name
 *       ({@code user@REALM}) and a password reference are given, from that principal;</li>
 *   <li>{@code NTLM}: NTLMv2 with a user name (DOMAIN&#92;user or {@code user}) and a password reference.</li>
 * </ul>
 *
 * @param instance             {@code fqdn\instance} (or {@code fqdn} for a default instance) this entry is for;
 *                             empty for the defaults
 * @param integratedSecurity   Windows authentication; defaults to true when no user name is given
 * @param username             SQL login, Kerberos principal or NTLM account, depending on the above
 * @param passwordEnv          name of the environment variable holding the password
 * @param passwordFile         path of a file holding the password (one line; a final line break is ignored)
 * @param authenticationScheme integrated-security scheme; defaults to {@code NativeAuthentication}
 */
public record SqlCredential(String instance, Boolean integratedSecurity, String username, String passwordEnv,
                            String passwordFile, AuthenticationScheme authenticationScheme) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public SqlCredential {
        instance = blankToNull(instance);
        username = blankToNull(username);
        passwordEnv = blankToNull(passwordEnv);
        passwordFile = blankToNull(passwordFile);
        String where = instance == null ? "lync.sql.credentials.defaults"
                : "lync.sql.credentials.instances entry for '" + TSql.printable(instance) + "'";
        if (passwordEnv != null && passwordFile != null) {
            throw new IllegalArgumentException(where + ": give password-env or password-file, not both");
        }
        // The value is not echoed: a password pasted here by mistake must not end up in a log.
        if (passwordEnv != null && !ENV_NAME.matcher(passwordEnv).matches()) {
            throw new IllegalArgumentException(where + ": password-env must be the NAME of the environment variable "
                    + "holding the password (letters, digits and _), never the password itself");
        }
        if (integratedSecurity == null) {
            integratedSecurity = username == null || authenticationScheme != null;
        }
        boolean hasPassword = passwordEnv != null || passwordFile != null;
        if (!integratedSecurity) {
            if (authenticationScheme != null) {
                throw new IllegalArgumentException(where + ": authentication-scheme applies to integrated security "
                        + "only; remove it or set integrated-security: true");
            }
            if (username == null || !hasPassword) {
                throw new IllegalArgumentException(where + ": a SQL Server login needs username and password-env or "
                        + "password-file");
            }
        } else {
            if (authenticationScheme == null) {
                authenticationScheme = AuthenticationScheme.NATIVE_AUTHENTICATION;
            }
            switch (authenticationScheme) {
                case NATIVE_AUTHENTICATION -> {
                    if (username != null || hasPassword) {
                        throw new IllegalArgumentException(where + ": NativeAuthentication logs in as the Windows "
                                + "account this application runs as; remove username and password, or choose "
                                + "authentication-scheme JavaKerberos or NTLM");
                    }
                }
                case JAVA_KERBEROS -> {
                    if ((username == null) != !hasPassword) {
                        throw new IllegalArgumentException(where + ": JavaKerberos takes either the ticket cache "
                                + "(no username, no password) or a principal with a password (both)");
                    }
                }
                case NTLM -> {
                    if (username == null || !hasPassword) {
                        throw new IllegalArgumentException(where + ": NTLM needs username and password-env or "
                                + "password-file");
                    }
                }
            }
        }
    }

    /** Windows authentication as the account this application runs as. */
    public static SqlCredential integrated() {
        return new SqlCredential(null, true, null, null, null, null);
    }

    /** Whether a password is referenced (and must be read at connect time). */
    public boolean hasPassword() {
        return passwordEnv != null || passwordFile != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The integrated-security schemes mssql-jdbc documents for its {@code authenticationScheme} property. */
    public enum AuthenticationScheme {
        NATIVE_AUTHENTICATION("NativeAuthentication"),
        JAVA_KERBEROS("JavaKerberos"),
        NTLM("NTLM");

        private final String driverValue;

        AuthenticationScheme(String driverValue) {
            this.driverValue = driverValue;
        }

        /** The value of the driver's {@code authenticationScheme} property. */
        public String driverValue() {
            return driverValue;
        }
    }
}
