package org.lyncrunbooks.filestore;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of re-hashing a tree against its manifest: what was checked and every problem found, the list
 * capped at {@link #MAX_PROBLEMS} while {@link #problemCount()} keeps the true total. Of the files checked,
 * {@code filesByIdentity} passed by identity (hard links to an earlier verified set, unchanged since) instead of being
 * re-hashed; {@code bytesChecked} counts the bytes re-hashed.
 */
public record VerifyReport(long filesChecked, long bytesChecked, long problemCount, List<Problem> problems,
                           Duration elapsed, long filesByIdentity) {

    /** The most problems a report lists; a tree that is wrong everywhere would otherwise fill the heap. */
    public static final int MAX_PROBLEMS = 1000;

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public VerifyReport(long filesChecked, long bytesChecked, long problemCount, List<Problem> problems, Duration elapsed) {
        this(filesChecked, bytesChecked, problemCount, problems, elapsed, 0);
    }

    /** True when every expected file is present with its size and checksum. */
    public boolean ok() {
        return problemCount == 0;
    }

    /** What is wrong with one expected file. */
    public enum Kind { MISSING, NOT_A_REGULAR_FILE, UNSAFE_PATH, UNREADABLE, SIZE_MISMATCH, CHECKSUM_MISMATCH }

    /** One expected file that failed verification, with a sentence saying why. */
    public record Problem(String relativePath, Kind kind, String detail) {

        @Override
        public String toString() {
            return RelativePaths.quote(relativePath) + ": " + detail;
        }
    }
}
