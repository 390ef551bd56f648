package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.Topology;

/**
 * Generates the users of the lab and the rows of its user databases from the seed: the same seed and sizes
 * give the same rows, so a test can compare a restored database with a freshly generated one. Every random choice comes from a
 * {@link Random} seeded with the lab seed and the name of what is being generated, never from the clock.
 */
final class DataGenerator {

    /** The fixed "now" of the generated farm; every generated time lies before it. */
    static final LocalDateTime BASE_TIME = LocalDateTime.of(2024, 3, 1, 8, 0);
    static final String DOMAIN = "lab.contoso.local";

    private static final String[] FIRST = {"Ken", "Pilar", "Ana", "David", "Aidan", "Lola", "Kim", "Jonathan",
        "Terry", "Marcel", "Sofia", "Tobias", "Yuki", "Nadia", "Omar", "Greta", "Henrik", "Ines", "Jamal", "Lena"};
    private static final String[] LAST = {"Myer", "Ackerman", "Silva", "Longmuir", "Delaney", "Jacobsen", "Abercrombie",
        "Haas", "Adams", "Truffaut", "Moreau", "Berg", "Tanaka", "Haddad", "Lindqvist", "Okafor", "Novak", "Rossi"};
    private static final String[] WORDS = {"budget", "release", "customer", "meeting", "review", "deadline", "lunch",
        "draft", "server", "backup", "report", "slides", "call", "today", "tomorrow", "please", "thanks", "agenda",
        "numbers", "invoice", "contract", "ticket", "outage", "change", "window", "plan", "update", "status"};

    private final long seed;
    private final int usersPerPool;

    DataGenerator(long seed, int usersPerPool) {
        this.seed = seed;
        this.usersPerPool = usersPerPool;
    }

    /** A user homed on a registrar pool. */
    record User(int id, String sipUri, String displayName, String pool, String lineUri, boolean enterpriseVoice) {
    }

    /** The AD contact object of a Response Group workflow. */
    record RgsContact(String sipAddress, String displayName, String workflowId, String ownerPool,
                      String ownerServiceInstanceId) {
    }

    Random random(String purpose) {
        return new Random(seed * 1_000_003L + purpose.hashCode());
    }

    /** The users of each registrar pool, in topology order; ids are unique across pools. */
    Map<String, List<User>> users(Topology topology) {
        Map<String, List<User>> byPool = new LinkedHashMap<>();
        int base = 1;
        for (Pool pool : topology.pools().filter(p -> p.kind().isRegistrar()).toList()) {
            Random r = random("users:" + pool.fqdn());
            List<User> users = new ArrayList<>();
            for (int i = 0; i < usersPerPool; i++) {
                String first = FIRST[r.nextInt(FIRST.length)];
                String last = LAST[r.nextInt(LAST.length)];
                int id = base + i;
                String alias = (first + "." + last).toLowerCase(Locale.ROOT) + id;
                boolean ev = r.nextInt(3) > 0;
                users.add(new User(id, "sip:" + alias + "@" + DOMAIN, first + " " + last, pool.fqdn(),
                        ev ? "tel:+1425555" + String.format("%04d", id % 10000) : null, ev));
            }
            byPool.put(pool.fqdn(), users);
            base += 100_000;
        }
        return byPool;
    }

    int scaled(int rowsAt150) {
        return Math.max(10, (int) Math.round(rowsAt150 * usersPerPool / 150.0));
    }

    static LocalDateTime past(Random r, int maxDays) {
        return BASE_TIME.minusMinutes(r.nextInt(maxDays * 24 * 60)).withNano(0);
    }

    static String words(Random r, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    static String guid(Random r) {
        byte[] b = new byte[16];
        r.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    // ---------------------------------------------------------------- user data

    void rtcxds(Connection c, List<User> users, List<User> everyone) throws SQLException {
        if (users.isEmpty()) {
            return;
        }
        Random r = random("rtcxds:" + users.get(0).pool());
        try (Insert u = new Insert(c, "users", "user_id", "sip_uri", "display_name", "registrar_pool", "line_uri",
                "enterprise_voice", "created_at");
             Insert g = new Insert(c, "contact_groups", "user_id", "group_id", "name");
             Insert k = new Insert(c, "contacts", "user_id", "contact_uri", "group_id", "display_name");
             Insert p = new Insert(c, "permissions", "user_id", "member_uri", "access_level");
             Insert f = new Insert(c, "conferences", "conference_id", "organizer_id", "subject", "scheduled_start",
                     "expires_at", "admission_type")) {
            String[] groupNames = {"~", "Favorites", "Team", "Project Alpha", "Vendors"};
            String[] levels = {"Friends", "Workgroup", "Colleagues", "External", "Blocked"};
            for (User user : users) {
                u.row(user.id(), user.sipUri(), user.displayName(), user.pool(), user.lineUri(), user.enterpriseVoice(),
                        past(r, 700));
                int groups = 2 + r.nextInt(3);
                for (int gi = 1; gi <= groups; gi++) {
                    g.row(user.id(), gi, groupNames[gi - 1]);
                }
                int contacts = r.nextInt(16);
                Set<String> seen = new HashSet<>();
                for (int ci = 0; ci < contacts; ci++) {
                    User other = everyone.get(r.nextInt(everyone.size()));
                    if (other.id() != user.id() && seen.add(other.sipUri())) {
                        k.row(user.id(), other.sipUri(), 1 + r.nextInt(groups), other.displayName());
                    }
                }
                int permissions = r.nextInt(3);
                Set<String> members = new HashSet<>();
                for (int pi = 0; pi < permissions; pi++) {
                    User other = everyone.get(r.nextInt(everyone.size()));
                    if (other.id() != user.id() && members.add(other.sipUri())) {
                        p.row(user.id(), other.sipUri(), levels[r.nextInt(levels.length)]);
                    }
                }
                if (r.nextInt(3) == 0) {
                    LocalDateTime start = BASE_TIME.plusDays(1 + r.nextInt(30)).withMinute(0).withSecond(0);
                    f.row(String.format("%06X%04X", user.id(), r.nextInt(0x10000)), user.id(), "Sync: " + words(r, 2),
                            r.nextBoolean() ? start : null, start.plusDays(14), r.nextBoolean() ? "Everyone" : "SameEnterprise");
                }
            }
        }
    }

    void rtcshared(Connection c, List<String> pools) throws SQLException {
        try (Insert d = new Insert(c, "conference_directories", "directory_id", "home_pool", "service_id", "created_at")) {
            int id = 1;
            for (String pool : pools) {
                Random r = random("confdir:" + pool);
                for (int i = 0; i < 2; i++) {
                    d.row(id++, pool, "UserServer:" + pool, past(r, 900));
                }
            }
        }
    }

    void rtcab(Connection c, List<User> everyone) throws SQLException {
        try (Insert a = new Insert(c, "ab_entries", "entry_id", "sip_uri", "display_name", "phone")) {
            for (User user : everyone) {
                a.row(user.id(), user.sipUri(), user.displayName(), user.lineUri());
            }
        }
    }

    void rtcdyn(Connection c, List<User> users, Map<String, List<String>> frontEnds) throws SQLException {
        try (Insert e = new Insert(c, "endpoints", "endpoint_id", "sip_uri", "front_end", "registered_at")) {
            for (User user : users) {
                Random r = random("rtcdyn:" + user.id());
                if (r.nextInt(10) < 3) {
                    List<String> fes = frontEnds.get(user.pool());
                    e.row(guid(r), user.sipUri(), fes.get(r.nextInt(fes.size())), BASE_TIME.minusMinutes(r.nextInt(600)));
                }
            }
        }
    }

    void cpsdyn(Connection c, List<User> users) throws SQLException {
        Random r = random("cpsdyn");
        try (Insert p = new Insert(c, "parked_calls", "orbit", "parked_by", "parked_at")) {
            for (int i = 0; i < Math.min(5, users.size()); i++) {
                p.row("#7" + (100 + i), users.get(r.nextInt(users.size())).sipUri(), BASE_TIME.minusMinutes(r.nextInt(30)));
            }
        }
    }

    /** A batched INSERT into one table. */
    static final class Insert implements AutoCloseable {
        private final PreparedStatement statement;
        private int pending;

        Insert(Connection c, String table, String... columns) throws SQLException {
            String marks = String.join(", ", Collections.nCopies(columns.length, "?"));
            statement = c.prepareStatement(
                    "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")");
        }

        void row(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            if (++pending == 500) {
                statement.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    statement.executeBatch();
                }
            } finally {
                statement.close();
            }
        }
    }
}

