package org.lyncrunbooks.postgres;

import org.lyncrunbooks.secrets.Redaction;

/** A PostgreSQL tool failed; the message carries the tool's own output. */
public class PostgresException extends RuntimeException {

    public PostgresException(String message) {
        super(Redaction.scrub(message));
    }

    public PostgresException(String message, Throwable cause) {
        super(Redaction.scrub(message), cause);
    }
}
