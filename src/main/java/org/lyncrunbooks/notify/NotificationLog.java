package org.lyncrunbooks.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mails of every node, in table {@code LYNC_NOTIFICATION} of the engine database: a node sends a mail only
 * after it inserted its row, whose key is the event's {@link Notification#dedupKey()}, so two nodes that see the same
 * event (both watch the backup health) send it once. The row then says whether the mail went out or failed after
 * its retries, for the {@code notifications} health component. Times are epoch milliseconds, so the one statement
 * set runs on H2, PostgreSQL and SQL Server alike.
 */
@Component
class NotificationLog {

    enum Status { SENDING, SENT, FAILED, NO_RECIPIENTS }

    /** The newest failure after retries, with how many mails failed since the last one that went out. */
    record Failures(int count, String lastSubject, Instant lastAt, String lastError) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);
    static final String TABLE = "LYNC_NOTIFICATION";
    private static final int ERROR_LENGTH = 1000;
    private static final int SUBJECT_LENGTH = 400;

    private final JdbcTemplate jdbc;

    NotificationLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        createTable();
    }

    /** Creates the table unless it exists; a node that loses the race to another finds it made. */
    private void createTable() {
        if (exists()) {
            return;
        }
        try {
            jdbc.execute("CREATE TABLE " + TABLE + " (DEDUP_KEY VARCHAR(255) NOT NULL PRIMARY KEY, EVENT VARCHAR(64) NOT NULL, "
                    + "SUBJECT VARCHAR(" + SUBJECT_LENGTH + ") NOT NULL, CREATED_AT BIGINT NOT NULL, STATUS VARCHAR(16) NOT NULL, "
                    + "ATTEMPTS INTEGER NOT NULL, UPDATED_AT BIGINT NOT NULL, LAST_ERROR VARCHAR(" + ERROR_LENGTH + "))");
        } catch (DataAccessException e) {
            if (!exists()) {
                throw e;
            }
        }
    }

    private boolean exists() {
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE 1 = 0", Integer.class);
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    /** Claims the event for this node: true when no node had claimed it. */
    boolean claim(Notification notification, Instant now) {
        return claim(notification.dedupKey(), notification.event(), notification.subject(), now);
    }

    /** Claims the event {@code key} for this node: true when no node had claimed it. */
    boolean claim(String key, String event, String subject, Instant now) {
        try {
            jdbc.update("INSERT INTO " + TABLE + " (DEDUP_KEY, EVENT, SUBJECT, CREATED_AT, STATUS, ATTEMPTS, UPDATED_AT) "
                            + "VALUES (?, ?, ?, ?, ?, 0, ?)", key, event, cut(subject, SUBJECT_LENGTH), now.toEpochMilli(),
                    Status.SENDING.name(), now.toEpochMilli());
            return true;
        } catch (DuplicateKeyException e) {
            LOG.debug("{} was claimed by another node or before", key);
            return false;
        }
    }

    void record(String dedupKey, Status status, int attempts, String error, Instant now) {
        jdbc.update("UPDATE " + TABLE + " SET STATUS = ?, ATTEMPTS = ?, LAST_ERROR = ?, UPDATED_AT = ? WHERE DEDUP_KEY = ?",
                status.name(), attempts, error == null ? null : cut(error, ERROR_LENGTH), now.toEpochMilli(), dedupKey);
    }

    /** The newest event of {@code events} claimed by any node, or empty. */
    Optional<String> newestEvent(List<String> events) {
        String marks = String.join(", ", events.stream().map(e -> "?").toList());
        List<String> found = jdbc.query("SELECT EVENT FROM " + TABLE + " WHERE EVENT IN (" + marks + ") ORDER BY CREATED_AT DESC",
                (rs, i) -> rs.getString(1), events.toArray());
        return found.stream().findFirst();
    }

    /** The mails that failed after their retries since the last mail that went out. */
    Failures failuresSinceLastSent() {
        Long lastSent = jdbc.queryForObject("SELECT MAX(UPDATED_AT) FROM " + TABLE + " WHERE STATUS = ?", Long.class,
                Status.SENT.name());
        long since = lastSent == null ? Long.MIN_VALUE : lastSent;
        List<Failures> failed = jdbc.query("SELECT SUBJECT, UPDATED_AT, LAST_ERROR FROM " + TABLE
                        + " WHERE STATUS = ? AND UPDATED_AT > ? ORDER BY UPDATED_AT DESC",
                (rs, i) -> new Failures(0, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)),
                Status.FAILED.name(), since);
        if (failed.isEmpty()) {
            return new Failures(0, null, null, null);
        }
        Failures newest = failed.get(0);
        return new Failures(failed.size(), newest.lastSubject(), newest.lastAt(), newest.lastError());
    }

    /** How many events of the kind any node claimed. */
    int countEvent(String event) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE EVENT = ?", Integer.class, event);
        return count == null ? 0 : count;
    }

    /** How many mails have the status, on all nodes. */
    int count(Status status) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE STATUS = ?", Integer.class, status.name());
        return count == null ? 0 : count;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
