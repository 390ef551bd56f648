package org.lyncrunbooks.filestore;

import java.time.Duration;

/** The outcome of a tree copy or restore: how many files and bytes were written, how many entries skipped, how long it took. */
public record CopyReport(long filesCopied, long bytesCopied, long filesSkipped, Duration elapsed) {
}
