package org.lyncrunbooks.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetId;

/**
 * The drills' records on the backup share, {@code <root>/.drills/<setId>.json}: written whole and atomically (a
 * temporary file renamed over the old one), so a reader never sees half of one, and kept when retention removes
 * their set, as the audit trail of what was proven restorable.
 */
final class DrillRecords {

    static final String FOLDER = ".drills";
    private static final String SUFFIX = ".json";

    private final BackupShare share;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    DrillRecords(BackupShare share) {
        this.share = share;
    }

    Path folder() {
        return share.root().resolve(FOLDER);
    }

    Optional<DrillRecord> read(String setId) {
        Path file = file(setId);
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), DrillRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drill record " + file + ": " + e.getMessage(), e);
        }
    }

    DrillRecord require(String setId) {
        return read(setId).orElseThrow(() -> new IllegalStateException("no drill record of set " + setId + " in " + folder()));
    }

    void write(DrillRecord record) {
        Path file = file(record.setId());
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill record " + file + ": " + e.getMessage(), e);
        }
    }

    /** The set ids that have a record, newest set first. */
    List<String> setIds() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder(), "*" + SUFFIX)) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (SetId.parse(id).isPresent()) {
                    ids.add(id);
                }
            }
        } catch (NoSuchFileException e) {
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder() + ": " + e.getMessage(), e);
        }
        ids.sort(Comparator.comparing((String id) -> SetId.parse(id).orElseThrow()).reversed());
        return ids;
    }

    private Path file(String setId) {
        SetId id = SetId.parse(setId).orElseThrow(() -> new IllegalArgumentException("'" + setId + "' is not a set id"));
        return folder().resolve(id + SUFFIX);
    }
}
