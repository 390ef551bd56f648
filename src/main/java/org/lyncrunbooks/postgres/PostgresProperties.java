package org.lyncrunbooks.postgres;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * PostgreSQL tools ({@code lync.postgres}).
 *
 * @param pgDump  the pg_dump executable (Debian: postgresql-client-15); its major version must not be older
 *                than the server's
 * @param timeout how long one dump (or one restore of the engine database by a bootstrap) may take
 */
@ConfigurationProperties("lync.postgres")
public record PostgresProperties(String pgDump, Duration timeout) {

    public PostgresProperties {
        pgDump = pgDump == null || pgDump.isBlank() ? "pg_dump" : pgDump;
        timeout = timeout == null ? Duration.ofHours(2) : timeout;
    }

    /** pg_restore of the same client installation: beside {@link #pgDump()} when that is a path, else on the PATH. */
    public String pgRestore() {
        java.nio.file.Path dump = java.nio.file.Path.of(pgDump);
        return dump.getParent() == null ? "pg_restore" : dump.resolveSibling("pg_restore").toString();
    }
}
