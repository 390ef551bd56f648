package org.lyncrunbooks.filestore;

import java.time.Duration;

/**
 * The outcome of a tree copy or restore: how many files and bytes were written, how many entries skipped, how long it
 * took; for a copy against an earlier copy, also how many files were hard-linked from it instead of copied
 * ({@code filesLinked}, {@code bytesLinked}, not counted in {@code filesCopied}), and why linking was given up when the
 * target could not hard-link ({@code linkFailure}, null when it could or was not asked to).
 */
public record CopyReport(long filesCopied, long bytesCopied, long filesSkipped, Duration elapsed, long filesLinked,
                         long bytesLinked, String linkFailure) {

    public CopyReport(long filesCopied, long bytesCopied, long filesSkipped, Duration elapsed) {
        this(filesCopied, bytesCopied, filesSkipped, elapsed, 0, 0, null);
    }
}
