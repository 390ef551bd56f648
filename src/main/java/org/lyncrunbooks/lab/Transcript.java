package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code transcript.log}: one JSON line per script the lab shell was given, with the cmdlet line it ran (or the
 * script it refused), its exit code, and whether it was refused or timed out.
 */
final class Transcript {

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    Transcript(Path file) {
        this.file = file;
    }

    void ran(String cmdletLine, int exitCode) {
        Map<String, Object> entry = entry();
        entry.put("cmdlet", cmdletLine);
        entry.put("exitCode", exitCode);
        append(entry);
    }

    void refused(String script, String reason) {
        Map<String, Object> entry = entry();
        entry.put("script", script);
        entry.put("exitCode", 1);
        entry.put("refused", reason);
        append(entry);
    }

    void timedOut(String cmdletLine, String reason) {
        Map<String, Object> entry = entry();
        entry.put("cmdlet", cmdletLine);
        entry.put("exitCode", null);
        entry.put("timedOut", reason);
        append(entry);
    }

    private static Map<String, Object> entry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        return entry;
    }

    private synchronized void append(Map<String, Object> entry) {
        try {
            String line = json.writeValueAsString(entry) + "\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab transcript " + file, e);
        }
    }
}
