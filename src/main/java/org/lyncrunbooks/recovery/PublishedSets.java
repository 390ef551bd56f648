package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestException;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetNames;

/**
 * The published sets a recovery may restore from: which set a start form's value names, what its manifest holds,
 * where its files are as the Windows servers see them, and the record of a set that failed verification
 * ({@code <root>/.verification/<id>.json}), which the catalog shows and which keeps every restore away from it.
 */
final class PublishedSets {

    static final String VERIFICATION_FOLDER = ".verification";

    private final BackupShare share;
    private final String serverRoot;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    PublishedSets(BackupShare share, String serverRoot, Clock clock) {
        this.share = share;
        this.serverRoot = serverRoot;
        this.clock = clock;
    }

    /** A manifest's header and its items; files are kept for every item but file store trees (which can be huge). */
    record Contents(Manifest.Header header, Map<String, Item> items) {

        Optional<Item> item(String itemId) {
            return Optional.ofNullable(items.get(itemId));
        }
    }

    /** One manifest item, when its backup started and finished, and, unless it is a file store tree, its files. */
    record Item(String itemId, String kind, List<Manifest.File> files, java.time.Instant startedAt,
                java.time.Instant finishedAt) {

        Item(String itemId, String kind, List<Manifest.File> files) {
            this(itemId, kind, files, null, null);
        }

        boolean lists(String path) {
            return files.stream().anyMatch(f -> f.path().equals(path));
        }
    }

    /**
     * The published set {@code requested} names, or the one {@code CURRENT} names when it is blank.
     *
     * @throws RecoveryRefusedException when it is not an id, does not exist, is not published, or was abandoned
     */
    SetId resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            Optional<SetId> named = share.current();
            if (named.isEmpty() || !isPublished(named.get())) {
                String what = named.isPresent() ? "CURRENT on " + share.root() + " names set " + named.get()
                        + ", which is not a published set"
                        : Files.exists(share.root().resolve(BackupShare.CURRENT), LinkOption.NOFOLLOW_LINKS)
                        ? "CURRENT on " + share.root() + " does not name a set" : "CURRENT is missing on " + share.root();
                String sets = published(share.list());
                throw new RecoveryRefusedException(Status.CONFLICT, what + ", so no backup set is the current one. "
                        + ("none".equals(sets) ? "There is no published set either: run a backup first."
                        : "Name the set to restore from (the newest first): " + sets
                        + ". The next backup writes CURRENT again."));
            }
            return named.get();
        }
        SetId id = checkId(requested);
        List<BackupSetEntry> sets = share.list();
        BackupSetEntry entry = sets.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow(() ->
                new RecoveryRefusedException(Status.NOT_FOUND, "no backup set " + id + " on " + share.root()
                        + "; published sets: " + published(sets)));
        return switch (entry.status()) {
            case PUBLISHED -> id;
            case ABANDONED -> throw new RecoveryRefusedException(Status.CONFLICT, "backup set " + id + " was abandoned before it was "
                    + "complete (" + entry.directory().getFileName() + "); it is never restored from. Published sets: "
                    + published(sets));
            case PARTIAL -> throw new RecoveryRefusedException(Status.CONFLICT, "backup set " + id + " is not published ("
                    + entry.directory().getFileName() + "): its run is still going or never completed, so it is not "
                    + "verified and is never restored from. Published sets: " + published(sets));
        };
    }

    /** The set id {@code requested} names, whether or not such a set exists; refused when it is not an id. */
    SetId checkId(String requested) {
        String text = requested.strip();
        return SetId.parse(text).orElseThrow(() -> new RecoveryRefusedException("'" + printable(text)
                + "' is not a backup set id (the start time in UTC, like 20261126T020000Z, optionally with -2, -3, …)"));
    }

    Path directory(SetId id) {
        return share.publishedDirectory(id);
    }

    /** The manifest of a published set. */
    Contents contents(SetId id) {
        Map<String, Item> items = new LinkedHashMap<>();
        Map<String, List<Manifest.File>> files = new LinkedHashMap<>();
        Manifest.Header[] header = new Manifest.Header[1];
        try {
            ManifestReader.read(directory(id).resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
                @Override
                public void header(Manifest.Header h) {
                    header[0] = h;
                }

                @Override
                public void file(String itemId, Manifest.File file) {
                    if (!itemId.startsWith("filestore:")) {
                        files.computeIfAbsent(itemId, k -> new ArrayList<>()).add(file);
                    }
                }

                @Override
                public void item(Manifest.Item item) {
                    items.put(item.itemId(), new Item(item.itemId(), item.kind(),
                            List.copyOf(files.getOrDefault(item.itemId(), List.of())), item.startedAt(), item.finishedAt()));
                }
            });
        } catch (ManifestException e) {
            throw new BackupSetInvalidException("backup set " + id + " has no usable manifest: " + e.getMessage());
        }
        if (!id.toString().equals(header[0].setId())) {
            throw new BackupSetInvalidException("the manifest of backup set " + id + " names set " + header[0].setId());
        }
        return new Contents(header[0], items);
    }

    /** A path inside the set as SQL Server and the Management Shell see it. */
    String serverPath(SetId id, String relative) {
        return serverPath(id + "/" + relative);
    }

    /** A path under the backup root as the Windows servers see it; {@code relative} uses {@code /}. */
    String serverPath(String relative) {
        boolean windows = serverRoot.startsWith("\\\\");
        String separator = windows ? "\\" : "/";
        String base = serverRoot.endsWith(separator) ? serverRoot.substring(0, serverRoot.length() - 1) : serverRoot;
        return base + separator + (windows ? relative.replace('/', '\\') : relative);
    }

    /** The failed-verification record of a set, if one was written and not cleared by a later verification. */
    Optional<Map<?, ?>> failedVerification(SetId id) {
        Path record = verificationRecord(id);
        try {
            return Optional.of(json.readValue(Files.readAllBytes(record), Map.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + record + ": " + e.getMessage(), e);
        }
    }

    void recordFailedVerification(SetId id, List<String> problems) {
        share.recordFailedVerification(id, problems, clock.instant());
    }

    void clearFailedVerification(SetId id) {
        try {
            Files.deleteIfExists(verificationRecord(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + verificationRecord(id) + ": " + e.getMessage(), e);
        }
    }

    private Path verificationRecord(SetId id) {
        return share.root().resolve(VERIFICATION_FOLDER).resolve(id + ".json");
    }

    private boolean isPublished(SetId id) {
        return Files.isDirectory(directory(id), LinkOption.NOFOLLOW_LINKS);
    }

    private static String published(List<BackupSetEntry> sets) {
        return SetNames.published(sets);
    }

    /** Start-form text for a message: control characters replaced, long values cut. */
    static String printable(String text) {
        return SetNames.printable(text);
    }
}
