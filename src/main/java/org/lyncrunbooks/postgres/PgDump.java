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
        List<String> command = List.of(executable, "--format=custom", "--no-password", "--file=" + file);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGHOST", db.host());
        env.put("PGPORT", Integer.toString(db.port()));
        env.put("PGDATABASE", db.database());
        if (db.user() != null) {
            env.put("PGUSER", db.user());
        }
        if (db.password() != null && !db.password().isEmpty()) {
            env.put("PGPASSWORD", db.password());
        }
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("pg_dump", ".log");
            builder.redirectOutput(output.toFile());
            process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PostgresException("pg_dump of " + db + " did not finish within " + timeout + "; it was killed");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new PostgresException("pg_dump of " + db + " failed (exit " + process.exitValue() + "): " + text);
            }
            log.info("pg_dump of {} wrote {} ({} bytes)", db, file, Files.size(file));
        } catch (IOException e) {
            throw new PostgresException("cannot run " + executable + " (is postgresql-client installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new PostgresException("pg_dump of " + db + " was interrupted", e);
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
}
