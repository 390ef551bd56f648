package org.lyncrunbooks.backup;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestWriter;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlan;

/**
 * A run's working state inside its {@code <id>.partial/.run/} folder: the plan fixed when the run started, and
 * per item its outcome and the files it wrote. It lives on the backup share next to the data so that a run
 * that resumes on another node finds it, and it is removed just before the set is published.
 */
final class RunWorkspace {

    static final String FOLDER = ".run";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path setDirectory;
    private final Path folder;

    RunWorkspace(Path setDirectory) {
        this.setDirectory = setDirectory;
        this.folder = setDirectory.resolve(FOLDER);
    }

    Path setDirectory() {
        return setDirectory;
    }

    boolean exists() {
        return Files.isDirectory(folder);
    }

    void create(StoredPlan plan) {
        try {
            Files.createDirectories(folder.resolve("items"));
            AtomicFiles.write(planFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(plan));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run plan in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The run's plan file: written once when the run starts, never changed after. */
    Path planFile() {
        return folder.resolve("plan.json");
    }

    StoredPlan plan() {
        try {
            return JSON.readValue(planFile().toFile(), StoredPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run plan in " + folder + ": " + e.getMessage(), e);
        }
    }

    Optional<ItemOutcome> outcome(int index) {
        Path file = itemFile(index, ".json");
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), ItemOutcome.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void recordOutcome(int index, ItemOutcome outcome) {
        try {
            AtomicFiles.write(itemFile(index, ".json"), JSON.writeValueAsBytes(outcome));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the outcome of item " + outcome.itemId() + ": " + e.getMessage(), e);
        }
    }

    /** Forgets an item's outcome and files, so that the next attempt starts from nothing. */
    void reset(int index) {
        for (String suffix : List.of(".json", ".files.jsonl", ".skipped.jsonl")) {
            try {
                Files.deleteIfExists(itemFile(index, suffix));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reset item " + index + " in " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    /** Opens the item's file list for an attempt; entries are appended as the item writes them. */
    FileLog openFileLog(int index) {
        try {
            return new FileLog(new FileOutputStream(itemFile(index, ".files.jsonl").toFile()),
                    new FileOutputStream(itemFile(index, ".skipped.jsonl").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file list of item " + index + ": " + e.getMessage(), e);
        }
    }

    /**
     * The item's file entries as it logged them, one compact JSON object each, in the form the manifest holds them
     * ({@link ManifestWriter#writeFile}): the manifest copies them without parsing them again.
     */
    void forEachFileEntry(int index, Consumer<String> consumer) {
        Path file = itemFile(index, ".files.jsonl");
        if (!Files.exists(file)) {
            return;
        }
        try (java.io.BufferedReader lines = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank()) {
                    consumer.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void forEachSkipped(int index, Consumer<Manifest.Skipped> consumer) {
        objects(itemFile(index, ".skipped.jsonl"), fields -> consumer.accept(new Manifest.Skipped(fields.get("path"),
                fields.get("reason"))));
    }

    /** Each JSON object of a log of flat objects, as its field values in text (absent fields absent). */
    private static void objects(Path file, Consumer<Map<String, String>> consumer) {
        if (!Files.exists(file)) {
            return;
        }
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            Map<String, String> fields = new java.util.HashMap<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                fields.clear();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        parser.skipChildren();
                    } else if (value != JsonToken.VALUE_NULL) {
                        fields.put(name, parser.getText());
                    }
                }
                consumer.accept(fields);
            }
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The outcomes recorded so far, by item index; items without one are missing. */
    Map<Integer, ItemOutcome> outcomes() {
        Map<Integer, ItemOutcome> outcomes = new TreeMap<>();
        Path items = folder.resolve("items");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(items, "[0-9][0-9][0-9][0-9][0-9].json")) {
            for (Path file : dir) {
                int index = Integer.parseInt(file.getFileName().toString().substring(0, 5));
                outcome(index).ifPresent(o -> outcomes.put(index, o));
            }
        } catch (NoSuchFileException e) {
            return outcomes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + items + ": " + e.getMessage(), e);
        }
        return outcomes;
    }

    /** Removes the working state; the set folder then holds only the manifest and the data. */
    void delete() {
        AtomicFiles.deleteTree(folder);
    }

    private Path itemFile(int index, String suffix) {
        return folder.resolve("items").resolve(String.format("%05d%s", index, suffix));
    }

    /** The plan as fixed when the run started. */
    record StoredPlan(String setId, Instant startedAt, String topologySha256, List<BackupItem> items,
                      List<BackupPlan.Exclusion> excluded) {
    }

    /**
     * How an item's last attempt ended; {@code fileCount} and {@code bytes} are what it wrote (0 in outcomes recorded
     * before they were kept); {@code note} is added to the manifest's tool (how a file store was taken against the
     * earlier set); {@code linkedBy} is a time on the share's clock after the item's last hard link, which the run's
     * verification checks the linked files' change times against (null when it linked nothing).
     */
    record ItemOutcome(String itemId, Status status, int attempt, Instant startedAt, Instant finishedAt, String error,
                       long fileCount, long bytes, String note, Instant linkedBy) {

        enum Status { DONE, FAILED }

        ItemOutcome(String itemId, Status status, int attempt, Instant startedAt, Instant finishedAt, String error) {
            this(itemId, status, attempt, startedAt, finishedAt, error, 0, 0, null, null);
        }

        boolean done() {
            return status == Status.DONE;
        }
    }

    /**
     * Appends an attempt's files and skipped entries, one JSON object per line, written as a stream;
     * {@link #close()} makes them durable before the item's outcome is recorded.
     */
    static final class FileLog implements AutoCloseable {
        private final FileOutputStream filesOut;
        private final FileOutputStream skippedOut;
        private final JsonGenerator files;
        private final JsonGenerator skipped;
        private final AtomicLong fileCount = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private boolean anySkipped;

        private FileLog(FileOutputStream files, FileOutputStream skipped) throws IOException {
            this.filesOut = files;
            this.skippedOut = skipped;
            this.files = lines(files);
            this.skipped = lines(skipped);
        }

        private static JsonGenerator lines(FileOutputStream out) throws IOException {
            JsonGenerator generator = JSON.getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16),
                    JsonEncoding.UTF8);
            generator.setRootValueSeparator(new SerializedString("\n"));
            return generator;
        }

        void file(Manifest.File file) {
            try {
                ManifestWriter.writeFile(files, file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the item's file list: " + e.getMessage(), e);
            }
            fileCount.incrementAndGet();
            bytes.addAndGet(file.size());
        }

        /** Files written so far by this attempt (read by the catalog's progress while the item runs). */
        long fileCount() {
            return fileCount.get();
        }

        /** Bytes written so far by this attempt. */
        long bytes() {
            return bytes.get();
        }

        void skipped(Manifest.Skipped entry) {
            anySkipped = true;
            try {
                skipped.writeStartObject();
                skipped.writeStringField("path", entry.path());
                skipped.writeStringField("reason", entry.reason());
                skipped.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the item's skipped entries: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (files; skipped) {
                files.flush();
                skipped.flush();
                filesOut.getFD().sync();
                if (anySkipped) {
                    skippedOut.getFD().sync();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the item's file list: " + e.getMessage(), e);
            }
        }
    }
}
