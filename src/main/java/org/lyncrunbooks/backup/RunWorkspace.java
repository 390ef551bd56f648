package org.lyncrunbooks.backup;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.Manifest;
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

    void forEachFile(int index, Consumer<Manifest.File> consumer) {
        lines(itemFile(index, ".files.jsonl"), line -> consumer.accept(read(line, Manifest.File.class)));
    }

    void forEachSkipped(int index, Consumer<Manifest.Skipped> consumer) {
        lines(itemFile(index, ".skipped.jsonl"), line -> consumer.accept(read(line, Manifest.Skipped.class)));
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

    private void lines(Path file, Consumer<String> consumer) {
        if (!Files.exists(file)) {
            return;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(l -> !l.isBlank()).forEach(consumer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return JSON.readValue(line, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable entry '" + line + "': " + e.getMessage(), e);
        }
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
     * Appends an attempt's files and skipped entries, one JSON object per line; {@link #close()} makes them
     * durable before the item's outcome is recorded.
     */
    static final class FileLog implements AutoCloseable {
        private final FileOutputStream filesOut;
        private final FileOutputStream skippedOut;
        private final BufferedWriter files;
        private final BufferedWriter skipped;
        private final AtomicLong fileCount = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        private FileLog(FileOutputStream files, FileOutputStream skipped) {
            this.filesOut = files;
            this.skippedOut = skipped;
            this.files = new BufferedWriter(new OutputStreamWriter(files, StandardCharsets.UTF_8), 1 << 16);
            this.skipped = new BufferedWriter(new OutputStreamWriter(skipped, StandardCharsets.UTF_8));
        }

        void file(Manifest.File file) {
            write(files, file);
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
            write(skipped, entry);
        }

        private static void write(BufferedWriter out, Object entry) {
            try {
                out.write(JSON.writeValueAsString(entry));
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the item's file list: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (files; skipped) {
                files.flush();
                skipped.flush();
                filesOut.getFD().sync();
                skippedOut.getFD().sync();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the item's file list: " + e.getMessage(), e);
            }
        }
    }
}
