package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the farm's JSON state files (machines, AD objects, SQL instances). A file is replaced
 * atomically, so a reader never sees half of it; read-modify-write sequences hold {@link #lock()}.
 */
final class StateFiles {

    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final Object lock = new Object();

    ObjectMapper json() {
        return json;
    }

    /** Held around every read-modify-write of a state file, because cmdlets run in parallel. */
    Object lock() {
        return lock;
    }

    <T> T read(Path file, Class<T> type) {
        try {
            return json.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lab state " + file, e);
        }
    }

    <T> Optional<T> readIfExists(Path file, Class<T> type) {
        return Files.isRegularFile(file) ? Optional.of(read(file, type)) : Optional.empty();
    }

    <T> Optional<T> readIfExists(Path file, TypeReference<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lab state " + file, e);
        }
    }

    void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            json.writeValue(tmp.toFile(), value);
            moveInto(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write lab state " + file, e);
        }
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void moveInto(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
