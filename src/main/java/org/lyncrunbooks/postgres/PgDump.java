package org.lyncrunbooks.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code pg_dump -Fc} for a database. Connection details go to pg_dump through its environment
 * ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}), which pg_dump takes
 * literally: a database name like {@code host=evil dbname=x} cannot turn into connection options, and the
 * password never appears on a command line.
 */
public final class PgDump {

    private static final Logger log = LoggerFactory.getLogger(PgDump.class);

    private final String executable;
    private final Duration timeout;

    public PgDump(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Dumps the database into {@code file} in pg_dump's custom format; throws with pg_dump's own message. */
    public void dump(PostgresConnection db, Path file) {
        PgProcess.run(List.of(executable, "--format=custom", "--no-password", "--file=" + file), db, db.database(), timeout,
                "pg_dump of " + db);
        try {
            log.info("pg_dump of {} wrote {} ({} bytes)", db, file, Files.size(file));
        } catch (IOException e) {
            throw new PostgresException("pg_dump of " + db + " wrote no readable " + file + ": " + e.getMessage(), e);
        }
    }
}
