package org.lyncrunbooks.filestore;

/**
 * Receives what a {@link FileStoreCopier} did with each entry of the tree, typically to write the manifest.
 * Calls come from one thread at a time, so implementations need not be thread-safe; paths are relative to the
 * source root with {@code /} separators.
 */
public interface CopyListener {

    /** A regular file was copied; {@code sha256Hex} is the lowercase SHA-256 of exactly the bytes written. */
    void copied(String relativePath, long size, String sha256Hex);

    /** An entry was deliberately left out of the copy ({@code Meeting.Active}, a link, a special file). */
    void skipped(String relativePath, String reason);

    /**
     * A regular file unchanged since the earlier copy was hard-linked from it instead of copied; {@code sha256Hex} is
     * what the earlier copy's manifest recorded and {@code earlier} is {@link EarlierCopy#label()}. Listeners that do not
     * tell the two apart hear of it as a copy.
     */
    default void linked(String relativePath, long size, String sha256Hex, String earlier) {
        copied(relativePath, size, sha256Hex);
    }
}
