package org.lyncrunbooks.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        List<String> command = List.of(executable, "--no-password", "--no-owner", "--no-privileges", "--exit-on-error",
                "--dbname=dbname=" + conninfoValue(db.database()), file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGHOST", db.host());
        env.put("PGPORT", Integer.toString(db.port()));
        if (db.user() != null) {
            env.put("PGUSER", db.user());
        }
        if (db.password() != null && !db.password().isEmpty()) {
            env.put("PGPASSWORD", db.password());
        }
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("pg_restore", ".log");
            builder.redirectOutput(output.toFile());
            process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PostgresException("pg_restore into " + db + " did not finish within " + timeout + "; it was killed");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new PostgresException("pg_restore of " + file.getFileName() + " into " + db + " failed (exit "
                        + process.exitValue() + "): " + text);
            }
            log.info("pg_restore of {} into {} done", file, db);
        } catch (IOException e) {
            throw new PostgresException("cannot run " + executable + " (is postgresql-client installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new PostgresException("pg_restore into " + db + " was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    log.debug("cannot delete {}", output);
                }
            }
        }
    }

    /** A libpq connection-string value: single-quoted, with {@code \} and {@code '} escaped by a backslash. */
    static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
