package org.lyncrunbooks.postgres;

import org.lyncrunbooks.secrets.Redaction;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a PostgreSQL database is, taken from a JDBC URL, and who logs in. The password is only ever handed to
 * pg_dump through its environment ({@code PGPASSWORD}); {@link #toString()} never shows it.
 */
public record PostgresConnection(String host, int port, String database, String user, String password) {

    public PostgresConnection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
    }

    /** Reads {@code jdbc:postgresql://host[:port]/database[?…]}; several hosts or a missing database are refused. */
    public static PostgresConnection fromJdbcUrl(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + Redaction.scrub(jdbcUrl));
        }
        try {
            URI uri = new URI(jdbcUrl.substring("jdbc:".length()));
            if (uri.getHost() == null || jdbcUrl.indexOf(',') >= 0) {
                throw new IllegalArgumentException("only single-host PostgreSQL URLs are supported: " + Redaction.scrub(jdbcUrl));
            }
            String path = uri.getPath();
            if (path == null || path.length() < 2) {
                throw new IllegalArgumentException("the PostgreSQL URL names no database: " + Redaction.scrub(jdbcUrl));
            }
            return new PostgresConnection(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1),
                    user, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + Redaction.scrub(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
