package org.lyncrunbooks.backupset;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup set id: the run's start time in UTC ({@code 20261126T020000Z}), with {@code -2}, {@code -3}, … appended
 * when that second is already taken (docs/backup-share.md). Ids order by time, then by suffix.
 */
public record SetId(Instant startedAt, int sequence) implements Comparable<SetId> {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("(\\d{8}T\\d{6}Z)(?:-([2-9]|[1-9]\\d{1,3}))?");
    private static final Comparator<SetId> ORDER =
            Comparator.comparing(SetId::startedAt).thenComparingInt(SetId::sequence);

    public SetId {
        startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }

    public static SetId of(Instant startedAt) {
        return new SetId(startedAt, 1);
    }

    /** Parses an id; anything that is not exactly a set id (a path, {@code ..}, a temp file) gives empty. */
    public static Optional<SetId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant at = FORMAT.parse(m.group(1), Instant::from);
            return Optional.of(new SetId(at, m.group(2) == null ? 1 : Integer.parseInt(m.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public SetId next() {
        return new SetId(startedAt, sequence + 1);
    }

    @Override
    public int compareTo(SetId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        String base = FORMAT.format(startedAt);
        return sequence == 1 ? base : base + "-" + sequence;
    }
}
