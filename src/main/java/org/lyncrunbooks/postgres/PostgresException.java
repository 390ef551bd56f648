package org.lyncrunbooks.postgres;

/** A PostgreSQL tool failed; the message carries the tool's own output. */
public class PostgresException extends RuntimeException {

    public PostgresException(String message) {
        super(message);
    }

    public PostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
