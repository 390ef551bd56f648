package org.lyncrunbooks.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one PostgreSQL client tool ({@code pg_dump}, {@code pg_restore}) for a database: the arguments as a list (no
 * shell), the connection in the tool's environment ({@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 * {@code PGPASSWORD}; nothing inherited from ours), its output captured into the failure message, killed with its
 * children when it outlives the timeout.
 */
final class PgProcess {

    private PgProcess() {
    }

    /**
     * @param what the run as messages name it ("pg_dump of lync@db01:5432/lync")
     * @param database the database for {@code PGDATABASE}, or null when the command names it itself
     */
    static void run(List<String> command, PostgresConnection db, String database, Duration timeout, String what) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGHOST", db.host());
        env.put("PGPORT", Integer.toString(db.port()));
        if (database != null) {
            env.put("PGDATABASE", database);
        }
        if (db.user() != null) {
            env.put("PGUSER", db.user());
        }
        if (db.password() != null && !db.password().isEmpty()) {
            env.put("PGPASSWORD", db.password());
        }
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile(Path.of(command.get(0)).getFileName().toString(), ".log");
            builder.redirectOutput(output.toFile());
            process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PostgresException(what + " did not finish within " + timeout + "; it was killed");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new PostgresException(what + " failed (exit " + process.exitValue() + "): " + text);
            }
        } catch (IOException e) {
            throw new PostgresException("cannot run " + command.get(0) + " (is postgresql-client installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new PostgresException(what + " was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary log file of our own; the next clean-up of the temporary folder takes it
                }
            }
        }
    }
}
