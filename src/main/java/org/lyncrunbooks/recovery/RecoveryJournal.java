package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of one recovery, {@code <root>/.recoveries/<recoveryId>/journal.json}: each step is recorded as
 * {@code started} before it runs and {@code done} after it ended well (reliability scenario 10). A step found done
 * is skipped, so a re-run after a crash or a retry does no work twice; a step found started was cut short, and
 * runs again knowing that what it finds in its target is its own half-finished work.
 */
final class RecoveryJournal {

    static final String FOLDER = ".recoveries";
    private static final String FILE = "journal.json";
    private static final Pattern RECOVERY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final int DETAIL_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(RecoveryJournal.class);

    private final Path root;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    /** Steps running in this JVM, so that the same step is never run twice at once by two callers here. */
    private final Set<String> running = new HashSet<>();

    RecoveryJournal(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** The work of one step; {@code rerun} is true when an earlier attempt started and did not finish. */
    @FunctionalInterface
    interface Step {
        /** Does the work and says what it did, for the journal. */
        String run(boolean rerun);
    }

    /** The folder of a recovery's own files (journal, Edge export); the id is checked so it cannot leave the root. */
    Path folder(String recoveryId) {
        if (recoveryId == null || !RECOVERY_ID.matcher(recoveryId).matches()) {
            throw new IllegalArgumentException("'" + recoveryId + "' is not a recovery id (letters, digits, '-' and '_',"
                    + " at most 100)");
        }
        return root.resolve(FOLDER).resolve(recoveryId);
    }

    /**
     * Runs {@code step} unless it is done; returns whether it ran. A {@link RestoreTargetNotCleanException} means the
     * step wrote nothing: the journal forgets that attempt, so a later one is not taken for a re-run of it (a re-run
     * may write over its target).
     */
    boolean run(String recoveryId, String stepKey, Step step) {
        String key = recoveryId + "/" + stepKey;
        boolean rerun;
        synchronized (this) {
            Map<String, JournalEntry> entries = read(recoveryId);
            JournalEntry previous = entries.get(stepKey);
            if (previous != null && previous.state() == JournalEntry.State.DONE) {
                log.info("Recovery {}: step {} was done at {}; skipping it", recoveryId, stepKey, previous.finishedAt());
                return false;
            }
            if (!running.add(key)) {
                throw new IllegalStateException("step " + stepKey + " of recovery " + recoveryId + " is already running");
            }
            rerun = previous != null;
            entries.put(stepKey, new JournalEntry(stepKey, JournalEntry.State.STARTED, now(), null,
                    rerun ? "run again after an attempt that did not finish" : null));
            try {
                write(recoveryId, entries);
            } catch (RuntimeException e) {
                running.remove(key);
                throw e;
            }
        }
        if (rerun) {
            log.info("Recovery {}: step {} started earlier and did not finish; running it again", recoveryId, stepKey);
        }
        try {
            String detail = cap(step.run(rerun));
            record(recoveryId, stepKey, e -> new JournalEntry(stepKey, JournalEntry.State.DONE, e.startedAt(),
                    now(), detail));
            log.info("Recovery {}: step {} done{}", recoveryId, stepKey, detail == null ? "" : ": " + detail);
            return true;
        } catch (RestoreTargetNotCleanException e) {
            if (!rerun) {
                forget(recoveryId, stepKey);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            try {
                record(recoveryId, stepKey, entry -> new JournalEntry(stepKey, JournalEntry.State.STARTED,
                        entry.startedAt(), null, cap("attempt failed: " + e.getMessage())));
            } catch (RuntimeException journalFailure) {
                e.addSuppressed(journalFailure);
            }
            throw e;
        } finally {
            synchronized (this) {
                running.remove(key);
            }
        }
    }

    /** The recorded state of {@code stepKey}, or null when it never started. */
    synchronized JournalEntry entry(String recoveryId, String stepKey) {
        return read(recoveryId).get(stepKey);
    }

    synchronized List<JournalEntry> entries(String recoveryId) {
        return List.copyOf(read(recoveryId).values());
    }

    private synchronized void record(String recoveryId, String stepKey, UnaryOperator<JournalEntry> change) {
        Map<String, JournalEntry> entries = read(recoveryId);
        JournalEntry current = entries.get(stepKey);
        if (current != null) {
            entries.put(stepKey, change.apply(current));
            write(recoveryId, entries);
        }
    }

    private synchronized void forget(String recoveryId, String stepKey) {
        Map<String, JournalEntry> entries = read(recoveryId);
        if (entries.remove(stepKey) != null) {
            write(recoveryId, entries);
        }
    }

    private Map<String, JournalEntry> read(String recoveryId) {
        Path file = folder(recoveryId).resolve(FILE);
        Map<String, JournalEntry> entries = new LinkedHashMap<>();
        try {
            if (Files.isSymbolicLink(file)) {
                throw new IllegalStateException(file + " is a symbolic link; refusing to read it");
            }
            Document document = json.readValue(Files.readAllBytes(file), Document.class);
            if (document.steps() != null) {
                document.steps().forEach(e -> entries.put(e.step(), e));
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recovery journal " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private void write(String recoveryId, Map<String, JournalEntry> entries) {
        Path folder = folder(recoveryId);
        try {
            if (Files.isSymbolicLink(folder) || Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(folder,
                    LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(folder + " is not a folder; refusing to write the journal there");
            }
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve(FILE), json.writeValueAsBytes(new Document(recoveryId,
                    new ArrayList<>(entries.values()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recovery journal in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Milliseconds are enough for people reading the journal and for ordering its steps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cap(String detail) {
        if (detail == null) {
            return null;
        }
        String oneLine = detail.strip().replaceAll("\\s*\\R\\s*", " | ");
        return oneLine.length() <= DETAIL_LIMIT ? oneLine : oneLine.substring(0, DETAIL_LIMIT - 1) + "…";
    }

    /** The file's shape: the recovery id, then the steps in the order they first started. */
    record Document(String recoveryId, List<JournalEntry> steps) {
    }
}
