package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;

/**
 * How finely a file system keeps modification times (ext4 and XFS: 1 ns; SMB: 100 ns; FAT: 2 s), found by setting
 * a known time on a probe file and reading it back. A copy keeps the source's time only to that granularity, so an
 * unchanged file is recognised by comparing both times cut to it.
 */
final class TimeGranularity {

    private static final Instant PROBE = Instant.ofEpochSecond(1_700_000_001L, 123_456_789);

    private final long nanos;

    private TimeGranularity(long nanos) {
        this.nanos = nanos;
    }

    /** The granularity of the file system of {@code folder}, probed with a file that is removed again. */
    static TimeGranularity of(Path folder) throws IOException {
        Path probe = folder.resolve(".time-probe-" + UUID.randomUUID());
        try {
            Files.createFile(probe);
            Files.getFileAttributeView(probe, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(PROBE), null, null);
            Instant kept = Files.getLastModifiedTime(probe, LinkOption.NOFOLLOW_LINKS).toInstant();
            return new TimeGranularity(granularity(kept));
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** A file system that keeps times to {@code nanos} nanoseconds. */
    static TimeGranularity ofNanos(long nanos) {
        if (nanos < 1) {
            throw new IllegalArgumentException("a granularity must be at least 1 ns, got " + nanos);
        }
        return new TimeGranularity(nanos);
    }

    private static long granularity(Instant kept) {
        if (kept.getEpochSecond() != PROBE.getEpochSecond()) {
            return 2_000_000_000L;
        }
        long unit = 1;
        while (unit < 1_000_000_000L && (PROBE.getNano() / unit) * unit != kept.getNano()) {
            unit *= 10;
        }
        return unit;
    }

    /** Whether two times are the same as far as this file system can tell. */
    boolean same(FileTime a, FileTime b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Math.floorDiv(epochNanos(a), nanos) == Math.floorDiv(epochNanos(b), nanos);
        } catch (ArithmeticException beyondYear2262) {
            return false;
        }
    }

    long nanos() {
        return nanos;
    }

    private static long epochNanos(FileTime time) {
        Instant instant = time.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
