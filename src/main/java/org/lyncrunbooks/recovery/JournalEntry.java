package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One step of a recovery as its journal records it, for idempotent re-runs and the recovery report.
 *
 * @param step       the step's key, e.g. {@code import-configuration} or
 *                   {@code restore-database:mon01.contoso.local_archmon:LcsCDR}
 * @param state      {@code started} until the step ended well, then {@code done}
 * @param startedAt  when its latest attempt started
 * @param finishedAt when it ended well; null while started
 * @param detail     what it did (the tool's summary, an approved override), or why its latest attempt failed
 */
public record JournalEntry(String step, State state, Instant startedAt, Instant finishedAt, String detail) {

    /** Where a step stands. */
    public enum State {
        STARTED, DONE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static State fromJson(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
