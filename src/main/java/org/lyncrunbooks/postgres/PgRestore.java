package org.lyncrunbooks.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs {@code pg_restore} of a {@code pg_dump -Fc} file into an existing, empty database, in one transaction and
 * stopping at the first error, so that a failed restore leaves the database as empty as it was. Objects are created
 * as the connecting user ({@code --no-owner}, {@code --no-privileges}): the new node's login need not be the one
 * that owned them. The database is named through {@code PGDATABASE} (see {@link PgTool}), never on the command line.
 */
public final class PgRestore {

    private final String executable;
    private final Duration timeout;

    public PgRestore(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Restores {@code dump} into the database; throws with pg_restore's own message. */
    public void restore(Path dump, PostgresConnection db) {
        // without --dbname pg_restore writes a script to stdout; "--dbname=" plus PGDATABASE connects to that database
        PgTool.run("pg_restore", List.of(executable, "--no-password", "--no-owner", "--no-privileges", "--exit-on-error",
                "--single-transaction", "--dbname=", dump.toString()), db, timeout);
    }
}
