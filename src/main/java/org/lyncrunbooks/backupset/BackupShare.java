package org.lyncrunbooks.backupset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup share (docs/backup-share.md): set folders, the {@code CURRENT} pointer ($Backup), publication and
 * retention. Only names that are exactly set ids are ever treated as sets; links are never followed; a set is
 * published by renaming {@code <id>.partial} to {@code <id>} and only then is {@code CURRENT} replaced, so
 * {@code CURRENT} always names a complete set and a crash at any moment leaves the previous one valid.
 */
public final class BackupShare {

    public static final String CURRENT = "CURRENT";
    public static final String PARTIAL_SUFFIX = ".partial";
    /** Records of sets that failed verification after publication ({@code <id>.json}, written by a recovery). */
    public static final String FAILED_VERIFICATION_FOLDER = ".verification";
    /** Records of the verification each run's set passed ({@code <id>.json}, see {@link PassedVerification}). */
    public static final String PASSED_VERIFICATION_FOLDER = ".verified";
    static final String ABANDONED_MARKER = ".abandoned";
    private static final String TRASH_PREFIX = ".trash-";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Logger log = LoggerFactory.getLogger(BackupShare.class);

    private final Path root;

    public BackupShare(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path partialDirectory(SetId id) {
        return root.resolve(id + PARTIAL_SUFFIX);
    }

    public Path publishedDirectory(SetId id) {
        return root.resolve(id.toString());
    }

    /**
     * Proves the share can take a new set before any work starts: the root exists (it is created if missing),
     * is a directory, and a file can be written, synced and removed in it.
     */
    public void checkWritable() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new BackupShareUnavailableException("backup root " + root + " cannot be created: " + describe(e), e);
        }
        if (!Files.isDirectory(root)) {
            throw new BackupShareUnavailableException("backup root " + root + " is not a directory");
        }
        Path probe = root.resolve(".write-probe-" + UUID.randomUUID());
        try {
            AtomicFiles.write(probe, "probe".getBytes(StandardCharsets.US_ASCII));
        } catch (UncheckedIOException e) {
            throw new BackupShareUnavailableException("backup root " + root + " is not writable: "
                    + describe(e.getCause()), e);
        } finally {
            AtomicFiles.deleteQuietly(probe);
        }
    }

    /** Reserves a new set id for a run started at {@code startedAt} and creates its {@code .partial} folder. */
    public SetId createPartial(Instant startedAt) {
        SetId id = SetId.of(startedAt);
        while (true) {
            if (!Files.exists(publishedDirectory(id), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(partialDirectory(id));
                    AtomicFiles.fsyncDirectory(root);
                    return id;
                } catch (FileAlreadyExistsException e) {
                    // taken by a run that started in the same second: try the next suffix
                } catch (IOException e) {
                    throw new BackupShareUnavailableException("cannot create " + partialDirectory(id) + ": " + describe(e), e);
                }
            }
            id = id.next();
        }
    }

    /** The set {@code CURRENT} names, if there is one. */
    public Optional<SetId> current() {
        Path pointer = root.resolve(CURRENT);
        try {
            if (Files.isSymbolicLink(pointer)) {
                log.warn("{} is a symbolic link; ignoring it", pointer);
                return Optional.empty();
            }
            String text = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            Optional<SetId> id = SetId.parse(text);
            if (id.isEmpty()) {
                log.warn("{} does not hold a set id ('{}')", pointer, text.length() > 40 ? text.substring(0, 40) : text);
            }
            return id;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a run's set: renames {@code <id>.partial} to {@code <id>} and points {@code CURRENT} at it, unless
     * {@code CURRENT} already names a newer set. Safe to repeat after a crash at any point.
     *
     * @return whether {@code CURRENT} now names this set
     */
    public boolean publish(SetId id) {
        Path partial = partialDirectory(id);
        Path published = publishedDirectory(id);
        boolean partialExists = Files.isDirectory(partial, LinkOption.NOFOLLOW_LINKS);
        boolean publishedExists = Files.isDirectory(published, LinkOption.NOFOLLOW_LINKS);
        if (partialExists && publishedExists) {
            throw new IllegalStateException("both " + partial + " and " + published + " exist; refusing to publish");
        }
        if (partialExists) {
            if (Files.exists(partial.resolve(ABANDONED_MARKER))) {
                throw new IllegalStateException("set " + id + " was abandoned and is never published");
            }
            AtomicFiles.rename(partial, published);
        } else if (!publishedExists) {
            throw new IllegalStateException("set " + id + " does not exist on " + root);
        }
        Optional<SetId> current = current();
        if (current.isPresent() && current.get().compareTo(id) > 0) {
            log.info("Set {} published; CURRENT stays at the newer set {}", id, current.get());
            return false;
        }
        if (current.isEmpty() || !current.get().equals(id)) {
            AtomicFiles.write(root.resolve(CURRENT), (id + "\n").getBytes(StandardCharsets.US_ASCII));
            log.info("CURRENT now names set {}", id);
        }
        return true;
    }

    /** Marks a run's {@code .partial} folder as abandoned: it is never published, and retention removes it. */
    public void markAbandoned(SetId id, String reason) {
        Path partial = partialDirectory(id);
        if (!Files.isDirectory(partial, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Map<String, String> marker = new LinkedHashMap<>();
        marker.put("abandonedAt", Instant.now().toString());
        marker.put("reason", reason);
        try {
            AtomicFiles.write(partial.resolve(ABANDONED_MARKER), JSON.writeValueAsBytes(marker));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The newest verified set: published (every published set was verified before it was) and not recorded as having
     * failed a later verification. A run takes unchanged file store files from it.
     */
    public Optional<SetId> newestVerifiedSet() {
        for (BackupSetEntry entry : list()) {
            if (entry.status() == BackupSetEntry.Status.PUBLISHED && !Files.exists(root.resolve(FAILED_VERIFICATION_FOLDER)
                    .resolve(entry.id() + ".json"), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(entry.id());
            }
        }
        return Optional.empty();
    }

    /** The newest published set older than {@code id}, if any. */
    public Optional<SetId> publishedBefore(SetId id) {
        return list().stream().filter(e -> e.status() == BackupSetEntry.Status.PUBLISHED && e.id().compareTo(id) < 0)
                .map(BackupSetEntry::id).findFirst();
    }

    /**
     * Records that a set failed a verification after it was published ({@code <root>/.verification/<id>.json}): the
     * catalog shows it, every restore refuses the set, and no run takes files from it any more.
     */
    public void recordFailedVerification(SetId id, List<String> problems, Instant verifiedAt) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("setId", id.toString());
        record.put("verifiedAt", verifiedAt.toString());
        record.put("result", "failed");
        record.put("problems", problems);
        Path file = root.resolve(FAILED_VERIFICATION_FOLDER).resolve(id + ".json");
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records the verification a run's set passed; retention removes the record with the set. Not synced to disk: a
     * record lost in a crash only makes the next run's verification a full pass.
     */
    public void recordPassedVerification(PassedVerification record) {
        SetId id = SetId.parse(record.setId()).orElseThrow(() -> new IllegalArgumentException(
                "'" + record.setId() + "' is not a set id"));
        Path file = root.resolve(PASSED_VERIFICATION_FOLDER).resolve(id + ".json");
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeWithoutSync(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The verification set {@code id} passed, if its run recorded one and the record is readable. */
    public Optional<PassedVerification> passedVerification(SetId id) {
        Path file = root.resolve(PASSED_VERIFICATION_FOLDER).resolve(id + ".json");
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), PassedVerification.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("Cannot read {} ({}); the next verification re-hashes every file", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every set folder on the share, newest first. Anything that is not exactly a set folder is left alone. */
    public List<BackupSetEntry> list() {
        List<BackupSetEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path path : dir) {
                String name = path.getFileName().toString();
                BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attrs.isDirectory()) {
                    continue;
                }
                if (name.endsWith(PARTIAL_SUFFIX)) {
                    SetId.parse(name.substring(0, name.length() - PARTIAL_SUFFIX.length())).ifPresent(id ->
                            entries.add(new BackupSetEntry(id, Files.exists(path.resolve(ABANDONED_MARKER))
                                    ? BackupSetEntry.Status.ABANDONED : BackupSetEntry.Status.PARTIAL, path)));
                } else {
                    SetId.parse(name).ifPresent(id -> entries.add(new BackupSetEntry(id, BackupSetEntry.Status.PUBLISHED, path)));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(BackupSetEntry::id).reversed());
        return entries;
    }

    /**
     * Applies the retention policy. {@code activeRuns} are the set ids of runs that still exist in the engine; their
     * {@code .partial} folders are never touched. A folder is first renamed to a trash name, then deleted, so a
     * crash mid-delete never leaves a half-deleted folder that looks like a set.
     */
    public RetentionReport applyRetention(RetentionPolicy policy, Set<String> activeRuns, Instant now) {
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Optional<SetId> current = current();
        Instant oldest = now.minus(policy.maxAge());
        Instant partialCutoff = now.minus(policy.partialGrace());
        int published = 0;
        for (BackupSetEntry entry : list()) {
            String name = entry.directory().getFileName().toString();
            boolean delete;
            if (entry.status() == BackupSetEntry.Status.PUBLISHED) {
                published++;
                boolean isCurrent = current.isPresent() && current.get().equals(entry.id());
                delete = !isCurrent && (published > policy.keepSets() || entry.id().startedAt().isBefore(oldest));
            } else if (activeRuns.contains(entry.id().toString())) {
                delete = false;
            } else {
                delete = entry.status() == BackupSetEntry.Status.ABANDONED
                        || lastModified(entry.directory()).isBefore(partialCutoff);
            }
            if (delete) {
                trash(entry.directory());
                deleted.add(name);
            } else {
                kept.add(name);
            }
        }
        emptyTrash();
        removeRecordsOfRemovedSets();
        if (!deleted.isEmpty()) {
            log.info("Retention removed {} and kept {}", deleted, kept.size());
        }
        return new RetentionReport(deleted, kept);
    }

    /**
     * Removes the verification records of sets that are no longer on the share, so that the records do not pile up
     * night after night: passed records of any set without a folder, failed records of published sets retention removed.
     */
    private void removeRecordsOfRemovedSets() {
        Set<String> present = new java.util.HashSet<>();
        for (BackupSetEntry entry : list()) {
            present.add(entry.id().toString());
        }
        for (String folder : List.of(PASSED_VERIFICATION_FOLDER, FAILED_VERIFICATION_FOLDER)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(root.resolve(folder), "*.json")) {
                for (Path record : dir) {
                    String name = record.getFileName().toString();
                    Optional<SetId> id = SetId.parse(name.substring(0, name.length() - ".json".length()));
                    if (id.isPresent() && !present.contains(id.get().toString())) {
                        Files.deleteIfExists(record);
                    }
                }
            } catch (NoSuchFileException e) {
                // no record of this kind yet
            } catch (IOException e) {
                log.warn("Cannot clean the records in {}: {}", root.resolve(folder), e.getMessage());
            }
        }
    }

    private void trash(Path directory) {
        Path trash = root.resolve(TRASH_PREFIX + directory.getFileName() + "-" + UUID.randomUUID());
        AtomicFiles.rename(directory, trash);
    }

    private void emptyTrash() {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root, TRASH_PREFIX + "*")) {
            for (Path trash : dir) {
                if (Files.isDirectory(trash, LinkOption.NOFOLLOW_LINKS)) {
                    AtomicFiles.deleteTree(trash);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root + ": " + e.getMessage(), e);
        }
    }

    private static Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
