package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lyncrunbooks.backupset.BackupSetEntry;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestException;
import org.lyncrunbooks.backupset.ManifestReader;
import org.springframework.stereotype.Component;

/**
 * The sets on the share as the catalog lists them: the share's listing (names only), the summaries of published
 * sets' manifests (published sets never change, so each manifest is read once and kept), and the records of sets
 * that failed verification.
 */
@Component
class BackupSetListing {

    /** Where {@code RecoveryService} records a published set found corrupted when it was last verified. */
    static final String VERIFICATION_FOLDER = ".verification";
    private static final int CACHED_MANIFESTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackupShare share;
    private final AtomicLong manifestReads = new AtomicLong();
    private final Map<String, SetSummary> manifests = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SetSummary> eldest) {
            return size() > CACHED_MANIFESTS;
        }
    };

    BackupSetListing(BackupShare share) {
        this.share = share;
    }

    /** A published set's manifest header, item and file counts and size. */
    record SetSummary(Manifest.Header header, int itemCount, long fileCount, long bytes) {
    }

    /** Every set on the share, newest first. */
    List<BackupSetEntry> sets() {
        return share.list();
    }

    /** The set {@code CURRENT} names. */
    Optional<String> current() {
        return share.current().map(Object::toString);
    }

    /** The newest published set without a failed verification record. */
    Optional<BackupCatalog.GoodSet> newestGoodSet(List<BackupSetEntry> entries, Set<String> failed) {
        for (BackupSetEntry entry : entries) {
            if (entry.status() == BackupSetEntry.Status.PUBLISHED && !failed.contains(entry.id().toString())) {
                Optional<SetSummary> summary = manifest(entry);
                if (summary.isPresent()) {
                    return Optional.of(new BackupCatalog.GoodSet(entry.id().toString(), summary.get().header().completedAt()));
                }
            }
        }
        return Optional.empty();
    }

    /** The size of the newest published set before {@code entry}: what its run will probably write. */
    Long expectedBytes(BackupSetEntry entry, List<BackupSetEntry> entries) {
        for (BackupSetEntry other : entries) {
            if (other.status() == BackupSetEntry.Status.PUBLISHED && other.id().compareTo(entry.id()) < 0) {
                return manifest(other).map(SetSummary::bytes).orElse(null);
            }
        }
        return null;
    }

    /** How many manifests have been read from the share since start-up (each published set once). */
    long manifestReads() {
        return manifestReads.get();
    }

    /** A published set's manifest summary; read once, then kept. Empty when it is missing or unreadable. */
    Optional<SetSummary> manifest(BackupSetEntry entry) {
        String id = entry.id().toString();
        synchronized (manifests) {
            SetSummary cached = manifests.get(id);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Manifest.Header[] header = new Manifest.Header[1];
        int[] items = new int[1];
        long[] files = new long[1];
        long[] bytes = new long[1];
        try {
            manifestReads.incrementAndGet();
            ManifestReader.read(entry.directory().resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
                @Override
                public void header(Manifest.Header h) {
                    header[0] = h;
                }

                @Override
                public void item(Manifest.Item item) {
                    items[0]++;
                    files[0] += item.fileCount();
                    bytes[0] += item.bytes();
                }
            });
        } catch (ManifestException | IllegalArgumentException e) {
            return Optional.empty();
        }
        SetSummary summary = new SetSummary(header[0], items[0], files[0], bytes[0]);
        synchronized (manifests) {
            manifests.put(id, summary);
        }
        return Optional.of(summary);
    }

    /** The ids of the sets with a failed verification record. */
    Set<String> verificationRecords() {
        Set<String> ids = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(share.root().resolve(VERIFICATION_FOLDER), "*.json")) {
            for (Path file : dir) {
                String name = file.getFileName().toString();
                ids.add(name.substring(0, name.length() - ".json".length()));
            }
        } catch (NoSuchFileException e) {
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + share.root().resolve(VERIFICATION_FOLDER) + ": " + e.getMessage(), e);
        }
        return ids;
    }

    Optional<JsonNode> verificationRecord(String setId) {
        try {
            return Optional.of(JSON.readTree(share.root().resolve(VERIFICATION_FOLDER).resolve(setId + ".json").toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
