package org.lyncrunbooks.sqlserver;

/** A SQL Server action failed; the message carries SQL Server's own error text. */
public class SqlServerException extends RuntimeException {

    public SqlServerException(String message) {
        super(message);
    }

    public SqlServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
