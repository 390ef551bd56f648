package org.lyncrunbooks.sqlserver;

import java.util.regex.Pattern;

import org.lyncrunbooks.secrets.Redaction;

/**
 * A SQL Server action failed; the message carries SQL Server's own error text. When that text is a permission error
 * (SQL Server names the permission, not the role that grants it), the message also says which role the runbooks'
 * login needs.
 */
public class SqlServerException extends RuntimeException {

    /**
     * SQL Server's permission errors: 262 (… permission denied in database …), 229/230 (permission denied on an object
     * or column), 300 (… permission was denied on object …), 3110 (no permission to RESTORE), 15247 (no permission to
     * perform this action).
     */
    private static final Pattern PERMISSION_ERROR = Pattern.compile("\\bMsg:?\\s*(262|229|230|300|3110|15247)\\b");

    /** What the login needs for BACKUP, RESTORE, VERIFYONLY and the role changes Lync's databases get (P5). */
    static final String MISSING_ROLE = "The login the runbooks use was refused: it needs the sysadmin fixed server role "
            + "on this SQL Server instance (P5).";

    public SqlServerException(String message) {
        super(withMissingRole(Redaction.scrub(message)));
    }

    public SqlServerException(String message, Throwable cause) {
        super(withMissingRole(Redaction.scrub(message)), cause);
    }

    private static String withMissingRole(String message) {
        return message != null && PERMISSION_ERROR.matcher(message).find() && !message.contains(MISSING_ROLE)
                ? message + " " + MISSING_ROLE : message;
    }
}
