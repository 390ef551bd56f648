package org.lyncrunbooks.filestore;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A file a backup manifest promises: its path relative to the folder holding the copied tree ({@code /}
 * separators, not yet checked for safety: restore and verification check it before use), its size and its
 * SHA-256; and, for a file hard-linked from an earlier set, how a verification may check it by identity instead of
 * re-hashing it ({@code linkedFrom}, null for a file that must be re-hashed).
 */
public record ExpectedFile(String relativePath, long size, String sha256, LinkedFrom linkedFrom) {

    public ExpectedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + RelativePaths.quote(relativePath));
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest for " + RelativePaths.quote(relativePath));
        }
    }

    public ExpectedFile(String relativePath, long size, String sha256) {
        this(relativePath, size, sha256, null);
    }

    /**
     * The file is a hard link to the file at the same relative path under {@code earlierRoot} (the set that verified
     * it), made no later than {@code linkedBy} (a time read from the target's own clock after the links were made).
     * It passes by identity when it is that same file (same device and inode), has the expected size, and its change
     * time is not after {@code linkedBy} — nothing has written to it, or changed its times, since; otherwise it is
     * re-hashed like any other file.
     */
    public record LinkedFrom(Path earlierRoot, FileTime linkedBy) {

        public LinkedFrom {
            Objects.requireNonNull(earlierRoot, "earlierRoot");
            Objects.requireNonNull(linkedBy, "linkedBy");
        }
    }
}
