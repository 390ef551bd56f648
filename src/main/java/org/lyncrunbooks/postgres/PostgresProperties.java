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
}
