package org.lyncrunbooks.lab;

import static org.lyncrunbooks.lab.DataGenerator.BASE_TIME;
import static org.lyncrunbooks.lab.DataGenerator.past;
import static org.lyncrunbooks.lab.DataGenerator.words;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.lyncrunbooks.lab.DataGenerator.Insert;
import org.lyncrunbooks.lab.DataGenerator.User;

/**
 * Generates what the lab's users did, from the seed: archived IMs, call detail records, Quality of Experience
 * measurements and Persistent Chat rooms and messages.
 */
final class ActivityData {

    private final DataGenerator data;

    ActivityData(DataGenerator data) {
        this.data = data;
    }

    // ---------------------------------------------------------------- archiving and monitoring

    void lcsLog(Connection c, List<User> everyone) throws SQLException {
        Random r = data.random("LcsLog");
        userDirectory(c, everyone);
        try (Insert m = new Insert(c, "messages", "message_id", "session_id", "message_time", "from_user_id",
                "to_user_id", "content_type", "body")) {
            int rows = data.scaled(2000);
            long session = 1;
            for (int i = 1; i <= rows; i++) {
                if (r.nextInt(4) == 0) {
                    session++;
                }
                User from = everyone.get(r.nextInt(everyone.size()));
                User to = everyone.get(r.nextInt(everyone.size()));
                m.row((long) i, session, past(r, 60), from.id(), to.id(), r.nextInt(10) == 0 ? "text/html" : "text/plain",
                        words(r, 3 + r.nextInt(12)));
            }
        }
    }

    void lcsCdr(Connection c, List<User> everyone, List<String> frontEnds) throws SQLException {
        Random r = data.random("LcsCDR");
        userDirectory(c, everyone);
        String[] media = {"IM", "Audio", "Audio,Video", "AppSharing", "Audio,AppSharing", "FileTransfer"};
        try (Insert s = new Insert(c, "session_details", "session_id", "session_start", "session_end", "caller_id",
                "callee_id", "media_types", "response_code", "front_end")) {
            int rows = data.scaled(3000);
            for (int i = 1; i <= rows; i++) {
                LocalDateTime start = past(r, 60);
                boolean failed = r.nextInt(20) == 0;
                s.row((long) i, start, failed ? null : start.plusSeconds(5 + r.nextInt(3600)),
                        everyone.get(r.nextInt(everyone.size())).id(), everyone.get(r.nextInt(everyone.size())).id(),
                        media[r.nextInt(media.length)], failed ? 480 + r.nextInt(7) : 200,
                        frontEnds.get(r.nextInt(frontEnds.size())));
            }
        }
    }

    void qoeMetrics(Connection c) throws SQLException {
        Random r = data.random("QoEMetrics");
        try (Insert q = new Insert(c, "session_quality", "session_id", "stream_id", "measured_at", "jitter_ms",
                "packet_loss_rate", "round_trip_ms", "mos")) {
            int rows = data.scaled(2000);
            for (int i = 0; i < rows; i++) {
                q.row((long) (i / 2 + 1), i % 2 + 1, past(r, 60), Math.round(r.nextDouble() * 4000) / 100.0,
                        Math.round(r.nextDouble() * 500) / 10000.0, 10 + r.nextInt(300), 2.5 + Math.round(r.nextDouble() * 200) / 100.0);
            }
        }
    }

    private static void userDirectory(Connection c, List<User> everyone) throws SQLException {
        try (Insert u = new Insert(c, "users", "user_id", "sip_uri")) {
            for (User user : everyone) {
                u.row(user.id(), user.sipUri());
            }
        }
    }

    // ---------------------------------------------------------------- persistent chat

    void mgc(Connection c, List<User> everyone) throws SQLException {
        Random r = data.random("mgc");
        String[] categories = {"Engineering", "Sales", "Operations", "Social"};
        try (Insert cat = new Insert(c, "categories", "category_id", "name", "description", "file_upload", "chat_history")) {
            for (int i = 0; i < categories.length; i++) {
                cat.row(i + 1, categories[i], categories[i] + " rooms", r.nextBoolean(), true);
            }
        }
        int rooms = 12;
        try (Insert room = new Insert(c, "rooms", "room_id", "category_id", "name", "privacy", "room_type", "created_at");
             Insert member = new Insert(c, "room_members", "room_id", "principal_uri", "role")) {
            for (int i = 1; i <= rooms; i++) {
                room.row(i, 1 + (i - 1) % categories.length, categories[(i - 1) % categories.length] + " room " + i,
                        r.nextInt(3) == 0 ? "Secret" : (r.nextBoolean() ? "Closed" : "Open"),
                        r.nextInt(4) == 0 ? "Auditorium" : "Normal", past(r, 500));
                Set<String> seen = new HashSet<>();
                for (int m = 0; m < 6; m++) {
                    String uri = everyone.get(r.nextInt(everyone.size())).sipUri();
                    if (seen.add(uri)) {
                        member.row(i, uri, m == 0 ? "Manager" : "Member");
                    }
                }
            }
        }
        try (Insert msg = new Insert(c, "chat_messages", "message_id", "room_id", "sender_uri", "posted_at", "content")) {
            int rows = data.scaled(500);
            for (int i = 1; i <= rows; i++) {
                msg.row((long) i, 1 + r.nextInt(rooms), everyone.get(r.nextInt(everyone.size())).sipUri(), past(r, 90),
                        words(r, 4 + r.nextInt(20)));
            }
        }
    }

    void mgccomp(Connection c) throws SQLException {
        Random r = data.random("mgccomp");
        String[] types = {"MessagePosted", "FileUploaded", "UserJoined", "UserLeft"};
        try (Insert e = new Insert(c, "compliance_events", "event_id", "room_id", "event_type", "occurred_at")) {
            for (int i = 1; i <= 20; i++) {
                e.row((long) i, 1 + r.nextInt(12), types[r.nextInt(types.length)], BASE_TIME.minusMinutes(r.nextInt(120)));
            }
        }
    }

    /** Which generator fills which database; transient databases get a little content too. */
}
