package org.lyncrunbooks.filestore;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A file a backup manifest promises: its path relative to the folder holding the copied tree ({@code /}
 * separators, not yet checked for safety: restore and verification check it before use), its size and its
 * SHA-256.
 */
public record ExpectedFile(String relativePath, long size, String sha256) {

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
}
