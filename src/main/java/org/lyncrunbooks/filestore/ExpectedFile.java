package org.lyncrunbooks.filestore;

import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A file a backup manifest promises: its path relative to the folder holding the copied tree ({@code /}
 * separators, not yet checked for safety: restore and verification check it before use), its size and its
 * SHA-256; and, for a file a backup hard-linked from an earlier set, {@code linkedBy}: a time read from the target's
 * own clock after the link was made, which lets a verification check the file by identity instead of re-hashing it
 * (null for a file that must be re-hashed).
 *
 * <p>Such a file passes when it is a regular file of the expected size whose change time is not after
 * {@code linkedBy}. The copier checked, through the new link itself, that the inode it linked is the earlier set's file
 * with the source's size and time; every way of changing what a path holds since — writing to the inode, setting its
 * times, renaming or linking another inode into its place, replacing it — sets the change time of the inode the path
 * then names to the time of the change, so a change time not after {@code linkedBy} means the path still holds that
 * inode, unchanged. What this cannot see: a change made to the earlier set's file before it was linked, with its
 * modification time put back, and a change within the same tick of the file system's clock as {@code linkedBy}
 * (milliseconds); the periodic full pass re-hashes every file for those.
 */
public record ExpectedFile(String relativePath, long size, String sha256, FileTime linkedBy) {

    public ExpectedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + RelativePaths.quote(relativePath));
        }
        if (!isLowercaseHex64(sha256)) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException("not a SHA-256 hex digest for " + RelativePaths.quote(relativePath));
            }
        }
    }

    /** The form manifests hold, checked without allocating (a verification builds one of these per file). */
    private static boolean isLowercaseHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    public ExpectedFile(String relativePath, long size, String sha256) {
        this(relativePath, size, sha256, null);
    }
}
