package org.lyncrunbooks.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code pg_restore} of a {@code pg_dump -Fc} file into an existing, empty database, stopping at the first
 * error. The database is named as a connection string whose value is quoted ({@code dbname='…'}), so a name
 * holding {@code =} or spaces stays a name; host, port, user and password go through the environment as for
 * {@link PgDump}.
 */
public final class PgRestore {

    private static final Logger log = LoggerFactory.getLogger(PgRestore.class);

    private final String executable;
    private final Duration timeout;

    public PgRestore(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Restores {@code file} into {@code db}; throws with pg_restore's own message. */
    public void restore(Path file, PostgresConnection db) {
        PgProcess.run(List.of(executable, "--no-password", "--no-owner", "--no-privileges", "--exit-on-error",
                "--dbname=dbname=" + conninfoValue(db.database()), file.toString()), db, null, timeout,
                "pg_restore of " + file.getFileName() + " into " + db);
        log.info("pg_restore of {} into {} done", file, db);
    }

    /** A libpq connection-string value: single-quoted, with {@code \} and {@code '} escaped by a backslash. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
