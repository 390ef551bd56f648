package org.lyncrunbooks.sqlserver;

import org.lyncrunbooks.secrets.Redaction;

/** A SQL Server action failed; the message carries SQL Server's own error text. */
public class SqlServerException extends RuntimeException {

    public SqlServerException(String message) {
        super(Redaction.scrub(message));
    }

    public SqlServerException(String message, Throwable cause) {
        super(Redaction.scrub(message), cause);
    }
}
