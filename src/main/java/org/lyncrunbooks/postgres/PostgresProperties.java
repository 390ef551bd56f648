package org.lyncrunbooks.postgres;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * PostgreSQL tools ({@code lync.postgres}).
 *
 * @param pgDump  the pg_dump executable (Debian: postgresql-client-15); its major version must not be older
 *                than the server's
 * @param timeout how long one dump may take
 */
@ConfigurationProperties("lync.postgres")
public record PostgresProperties(String pgDump, Duration timeout) {

    public PostgresProperties {
        pgDump = pgDump == null || pgDump.isBlank() ? "pg_dump" : pgDump;
        timeout = timeout == null ? Duration.ofHours(2) : timeout;
    }

    /** pg_restore from the same installation as {@link #pgDump()}. */
    public String pgRestore() {
        return pgDump.endsWith("pg_dump") ? pgDump.substring(0, pgDump.length() - "pg_dump".length()) + "pg_restore"
                : "pg_restore";
    }
}
