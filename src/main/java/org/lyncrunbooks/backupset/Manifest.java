package org.lyncrunbooks.backupset;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The parts of {@code manifest.json} (format version 1, docs/backup-share.md). The manifest is written and read as
 * a stream ({@link ManifestWriter}, {@link ManifestReader}) so that a set with hundreds of thousands of files
 * never has to be held in memory.
 */
public final class Manifest {

    public static final String FILE_NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;

    private Manifest() {
    }

    /** The set-level fields. */
    public record Header(int formatVersion, String setId, Instant startedAt, Instant completedAt, String topologySha256) {
    }

    /** An item's fields, without its files. {@code fileCount} and {@code bytes} are filled in when read. */
    public record Item(String itemId, String kind, String source, String tool, Instant startedAt, Instant finishedAt,
                       long fileCount, long bytes) {

        public Item(String itemId, String kind, String source, String tool, Instant startedAt, Instant finishedAt) {
            this(itemId, kind, source, tool, startedAt, finishedAt, 0, 0);
        }
    }

    /**
     * One file of the set: path relative to the set folder with {@code /} separators. {@code reusedFrom} names the set
     * an unchanged file was hard-linked from instead of being copied (optional; absent for a copied file and in
     * manifests written before sets were incremental). The file is in this set all the same: every set is a complete
     * tree.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(String path, long size, String sha256, String reusedFrom) {

        public File(String path, long size, String sha256) {
            this(path, size, sha256, null);
        }
    }

    /** A file the item deliberately did not copy (a {@code Meeting.Active} lock file, a symbolic link). */
    public record Skipped(String path, String reason) {
    }

    /** A database not backed up, and why. */
    public record Excluded(String name, String source, String reason) {
    }
}
