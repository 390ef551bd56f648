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
 * Runs one of PostgreSQL's client tools for a database. Connection details go through its environment
 * ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}), which the tools take
 * literally: a database name like {@code host=evil dbname=x} cannot turn into connection options, and the password
 * never appears on a command line.
 */
final class PgTool {

    private PgTool() {
    }

    /** Runs {@code command} against {@code db}; returns its output, or throws with it when the tool fails. */
    static String run(String name, List<String> command, PostgresConnection db, Duration timeout) {
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
            output = Files.createTempFile(name, ".log");
            builder.redirectOutput(output.toFile());
            process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PostgresException(name + " of " + db + " did not finish within " + timeout + "; it was killed");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new PostgresException(name + " of " + db + " failed (exit " + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new PostgresException("cannot run " + command.get(0) + " (is postgresql-client installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new PostgresException(name + " of " + db + " was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary log left behind is harmless
                }
            }
        }
    }
}
