package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.Site;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;

/**
 * Generates the rows of the lab's databases from the seed: the same seed and sizes give the same rows, so a
 * test can compare a restored database with a freshly generated one. Every random choice comes from a
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
        Map<String, List<User>> byPool = new java.util.LinkedHashMap<>();
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

    private int scaled(int rowsAt150) {
        return Math.max(10, (int) Math.round(rowsAt150 * usersPerPool / 150.0));
    }

    private static LocalDateTime past(Random r, int maxDays) {
        return BASE_TIME.minusMinutes(r.nextInt(maxDays * 24 * 60)).withNano(0);
    }

    private static String words(Random r, int count) {
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

    // ---------------------------------------------------------------- xds

    void xds(Connection c, Topology topology) throws SQLException {
        try (Insert doc = new Insert(c, "topology_document", "version", "published_at", "published_by", "document")) {
            doc.row(1, BASE_TIME.minusDays(120), "CONTOSO\\lyncadmin", topologyXml(topology));
        }
        try (Insert state = new Insert(c, "topology_state", "id", "enabled", "enabled_version")) {
            state.row(1, true, 1);
        }
        String[][] policies = {
            {"ClientPolicy", "Global", "<ClientPolicy EnableAppearOffline=\"true\" MaximumNumberOfContacts=\"1000\"/>"},
            {"ClientPolicy", "Site:Lab", "<ClientPolicy EnableAppearOffline=\"false\" MaximumNumberOfContacts=\"500\"/>"},
            {"ConferencingPolicy", "Global", "<ConferencingPolicy AllowIPAudio=\"true\" MaxMeetingSize=\"250\"/>"},
            {"ConferencingPolicy", "Tag:RedmondConferencingPolicy", "<ConferencingPolicy AllowIPVideo=\"false\"/>"},
            {"ExternalAccessPolicy", "Global", "<ExternalAccessPolicy EnableFederationAccess=\"true\"/>"},
            {"VoicePolicy", "Global", "<VoicePolicy AllowCallForwarding=\"true\" Name=\"Global\"/>"},
            {"VoicePolicy", "Tag:InternationalCallsAllowed", "<VoicePolicy PstnUsages=\"Local;International\"/>"},
            {"ArchivingPolicy", "Global", "<ArchivingPolicy ArchiveInternal=\"true\" ArchiveExternal=\"true\"/>"},
            {"PinPolicy", "Global", "<PinPolicy MinPasswordLength=\"5\"/>"},
            {"MobilityPolicy", "Global", "<MobilityPolicy EnableOutsideVoice=\"true\"/>"},
            {"PersistentChatPolicy", "Global", "<PersistentChatPolicy EnablePersistentChat=\"true\"/>"},
            {"LocationPolicy", "Site:Lab", "<LocationPolicy EnhancedEmergencyServicesEnabled=\"true\"/>"}};
        try (Insert p = new Insert(c, "policies", "identity", "policy_type", "scope", "settings")) {
            for (String[] policy : policies) {
                p.row(policy[0] + ":" + policy[1], policy[0], policy[1].contains(":") ? policy[1].split(":")[0] : "Global",
                        policy[2]);
            }
        }
        String[][] settings = {
            {"RegistrarConfiguration", "<Registrar MinEndpointExpiration=\"300\" MaxEndpointsPerUser=\"8\"/>"},
            {"ArchivingConfiguration", "<Archiving EnableArchiving=\"ImAndWebConf\" KeepArchivingDataForDays=\"365\"/>"},
            {"CdrConfiguration", "<Cdr EnableCDR=\"true\" KeepCallDetailForDays=\"60\"/>"},
            {"QoEConfiguration", "<QoE EnableQoE=\"true\" KeepQoEDataForDays=\"60\"/>"},
            {"UserServicesConfiguration", "<UserServices MaxContacts=\"1000\" AnonymousUserGracePeriod=\"PT1H30M\"/>"},
            {"WebServiceConfiguration", "<WebService EnableGroupExpansion=\"true\"/>"},
            {"FileTransferFilterConfiguration", "<FileTransferFilter Action=\"Block\" Extensions=\".exe;.bat;.vbs\"/>"},
            {"PersistentChatConfiguration", "<PersistentChat DefaultChatHistory=\"30\" ParticipantUpdateLimit=\"75\"/>"},
            {"BackupServiceConfiguration", "<BackupService SyncInterval=\"PT2M\"/>"},
            {"LisConfiguration", "<Lis PublishedLocations=\"true\"/>"}};
        try (Insert s = new Insert(c, "settings", "identity", "setting_type", "settings")) {
            for (String[] setting : settings) {
                s.row(setting[0] + ":Global", setting[0], setting[1]);
            }
        }
    }

    /** The topology as the CMS holds it: an XML document in the spirit of Topology Builder's published format. */
    static String topologyXml(Topology topology) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        sb.append("<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008\">\n");
        for (Site site : topology.sites()) {
            sb.append("  <Site Name=\"").append(site.name()).append("\">\n");
            for (Pool pool : site.pools()) {
                sb.append("    <Cluster Fqdn=\"").append(pool.fqdn()).append("\" Kind=\"").append(pool.kind().yamlName())
                        .append('"');
                if (pool.backEnd() != null) {
                    sb.append(" SqlStore=\"").append(pool.backEnd().display()).append('"');
                }
                if (pool.persistentChatStore() != null) {
                    sb.append(" PersistentChatStore=\"").append(pool.persistentChatStore().display()).append('"');
                }
                if (pool.fileStore() != null) {
                    sb.append(" FileStore=\"").append(pool.fileStore()).append('"');
                }
                sb.append(">\n");
                for (String server : pool.servers()) {
                    sb.append("      <Machine Fqdn=\"").append(server).append("\"/>\n");
                }
                sb.append("    </Cluster>\n");
            }
            sb.append("  </Site>\n");
        }
        for (SqlStore store : topology.sqlStores()) {
            sb.append("  <SqlInstance Fqdn=\"").append(store.fqdn()).append("\" Name=\"").append(store.instance())
                    .append("\" Collocated=\"").append(store.collocated()).append("\"/>\n");
        }
        for (FileStore store : topology.fileStores()) {
            sb.append("  <FileStore Name=\"").append(store.name()).append("\" Unc=\"").append(store.unc()).append("\"/>\n");
        }
        return sb.append("</Topology>\n").toString();
    }

    // ---------------------------------------------------------------- lis

    void lis(Connection c) throws SQLException {
        Random r = random("lis");
        String[] cities = {"Redmond", "Seattle", "Bellevue", "Kirkland"};
        int locations = 20;
        try (Insert l = new Insert(c, "locations", "location_id", "location_name", "company_name", "house_number",
                "street_name", "city", "state", "postal_code", "country", "updated_at")) {
            for (int i = 1; i <= locations; i++) {
                String city = cities[r.nextInt(cities.length)];
                l.row(i, "Building " + (i / 4 + 1) + " Floor " + (i % 4 + 1), "Contoso", String.valueOf(100 + r.nextInt(9000)),
                        "NE " + (20 + r.nextInt(150)) + "th St", city, "WA", "980" + (10 + r.nextInt(80)), "US",
                        past(r, 400));
            }
        }
        try (Insert s = new Insert(c, "subnets", "subnet", "location_id", "description")) {
            for (int i = 0; i < 40; i++) {
                s.row("10." + (i / 8 + 1) + "." + (i % 8 * 16) + ".0", 1 + r.nextInt(locations), "User VLAN " + i);
            }
        }
        try (Insert w = new Insert(c, "wireless_access_points", "bssid", "location_id", "description")) {
            for (int i = 0; i < 30; i++) {
                byte[] mac = new byte[6];
                r.nextBytes(mac);
                w.row(HexFormat.ofDelimiter("-").withUpperCase().formatHex(mac), 1 + r.nextInt(locations), "AP " + i);
            }
        }
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
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int ci = 0; ci < contacts; ci++) {
                    User other = everyone.get(r.nextInt(everyone.size()));
                    if (other.id() != user.id() && seen.add(other.sipUri())) {
                        k.row(user.id(), other.sipUri(), 1 + r.nextInt(groups), other.displayName());
                    }
                }
                int permissions = r.nextInt(3);
                java.util.Set<String> members = new java.util.HashSet<>();
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

    // ---------------------------------------------------------------- response group

    /** Fills rgsconfig for a pool running Response Group; returns the workflows' AD contact objects. */
    List<RgsContact> rgsconfig(Connection c, String pool, List<User> users, String ownerServiceInstanceId)
            throws SQLException {
        Random r = random("rgs:" + pool);
        String owner = "service:ApplicationServer:" + pool;
        List<RgsContact> contacts = new ArrayList<>();
        try (Insert s = new Insert(c, "service_settings", "owner", "default_music_on_hold", "agent_ringback_grace_period",
                "disable_call_context")) {
            s.row(owner, "DefaultMusicOnHold.wma", 30, false);
        }
        List<String> hours = new ArrayList<>();
        try (Insert h = new Insert(c, "business_hours", "hours_id", "owner", "name", "weekday_open", "weekday_close")) {
            for (String[] b : new String[][] {{"Office hours", "08:00", "17:00"}, {"Extended hours", "07:00", "20:00"}}) {
                String id = guid(r);
                hours.add(id);
                h.row(id, owner, b[0], b[1], b[2]);
            }
        }
        List<String> holidaySets = new ArrayList<>();
        try (Insert hs = new Insert(c, "holiday_sets", "set_id", "owner", "name");
             Insert hd = new Insert(c, "holidays", "set_id", "name", "start_at", "end_at")) {
            for (String name : new String[] {"US holidays 2024", "Company events"}) {
                String id = guid(r);
                holidaySets.add(id);
                hs.row(id, owner, name);
                for (int i = 0; i < 5; i++) {
                    LocalDateTime start = LocalDateTime.of(2024, 1 + r.nextInt(12), 1 + r.nextInt(28), 0, 0);
                    hd.row(id, name.split(" ")[0] + " day " + (i + 1), start, start.plusDays(1));
                }
            }
        }
        List<String> groups = new ArrayList<>();
        String[] routing = {"Parallel", "Serial", "RoundRobin", "LongestIdle", "Attendant"};
        try (Insert g = new Insert(c, "agent_groups", "group_id", "owner", "name", "routing_method", "alert_time",
                "participation_policy");
             Insert m = new Insert(c, "agent_group_members", "group_id", "agent_uri", "position")) {
            for (String name : new String[] {"Helpdesk tier 1", "Helpdesk tier 2", "Sales", "HR", "Facilities"}) {
                String id = guid(r);
                groups.add(id);
                g.row(id, owner, name, routing[r.nextInt(routing.length)], 20 + r.nextInt(40),
                        r.nextBoolean() ? "Formal" : "Informal");
                java.util.Set<String> members = new java.util.LinkedHashSet<>();
                int size = Math.min(users.size(), 2 + r.nextInt(5));
                while (members.size() < size) {
                    members.add(users.get(r.nextInt(users.size())).sipUri());
                }
                int position = 0;
                for (String agent : members) {
                    m.row(id, agent, position++);
                }
            }
        }
        List<String> queues = new ArrayList<>();
        try (Insert q = new Insert(c, "queues", "queue_id", "owner", "name", "timeout_threshold", "overflow_threshold",
                "overflow_action");
             Insert qg = new Insert(c, "queue_agent_groups", "queue_id", "group_id", "position")) {
            for (int i = 0; i < 4; i++) {
                String id = guid(r);
                queues.add(id);
                q.row(id, owner, "Queue " + (i + 1), 60 + r.nextInt(240), r.nextBoolean() ? 5 + r.nextInt(10) : null,
                        r.nextBoolean() ? "Voicemail" : "Disconnect");
                qg.row(id, groups.get(i), 0);
                qg.row(id, groups.get((i + 1) % groups.size()), 1);
            }
        }
        try (Insert w = new Insert(c, "workflows", "workflow_id", "owner", "name", "primary_uri", "line_uri",
                "display_number", "active", "queue_id", "business_hours_id", "holiday_set_id", "welcome_prompt",
                "language")) {
            String[] names = {"Helpdesk", "Sales line", "HR hotline", "Facilities", "Reception", "After hours"};
            for (int i = 0; i < names.length; i++) {
                String id = guid(r);
                String alias = names[i].toLowerCase(Locale.ROOT).replace(' ', '-');
                String uri = "sip:rgs-" + alias + "@" + DOMAIN;
                w.row(id, owner, names[i], uri, "tel:+14255550" + (100 + i), "+1 (425) 555-0" + (100 + i), i != 5,
                        queues.get(i % queues.size()), hours.get(i % 2), holidaySets.get(i % 2),
                        "RGS/" + id.substring(0, 8) + "/welcome.wav", i % 3 == 0 ? "de-DE" : "en-US");
                contacts.add(new RgsContact(uri, names[i], id, pool, ownerServiceInstanceId));
            }
        }
        return contacts;
    }

    void rgsdyn(Connection c, List<User> users) throws SQLException {
        Random r = random("rgsdyn");
        try (Insert a = new Insert(c, "agent_states", "agent_uri", "group_id", "signed_in", "changed_at")) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < Math.min(8, users.size()); i++) {
                String agent = users.get(r.nextInt(users.size())).sipUri();
                if (seen.add(agent)) {
                    a.row(agent, guid(r), r.nextBoolean(), BASE_TIME.minusMinutes(r.nextInt(480)));
                }
            }
        }
    }

    // ---------------------------------------------------------------- archiving and monitoring

    void lcsLog(Connection c, List<User> everyone) throws SQLException {
        Random r = random("LcsLog");
        userDirectory(c, everyone);
        try (Insert m = new Insert(c, "messages", "message_id", "session_id", "message_time", "from_user_id",
                "to_user_id", "content_type", "body")) {
            int rows = scaled(2000);
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
        Random r = random("LcsCDR");
        userDirectory(c, everyone);
        String[] media = {"IM", "Audio", "Audio,Video", "AppSharing", "Audio,AppSharing", "FileTransfer"};
        try (Insert s = new Insert(c, "session_details", "session_id", "session_start", "session_end", "caller_id",
                "callee_id", "media_types", "response_code", "front_end")) {
            int rows = scaled(3000);
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
        Random r = random("QoEMetrics");
        try (Insert q = new Insert(c, "session_quality", "session_id", "stream_id", "measured_at", "jitter_ms",
                "packet_loss_rate", "round_trip_ms", "mos")) {
            int rows = scaled(2000);
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
        Random r = random("mgc");
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
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int m = 0; m < 6; m++) {
                    String uri = everyone.get(r.nextInt(everyone.size())).sipUri();
                    if (seen.add(uri)) {
                        member.row(i, uri, m == 0 ? "Manager" : "Member");
                    }
                }
            }
        }
        try (Insert msg = new Insert(c, "chat_messages", "message_id", "room_id", "sender_uri", "posted_at", "content")) {
            int rows = scaled(500);
            for (int i = 1; i <= rows; i++) {
                msg.row((long) i, 1 + r.nextInt(rooms), everyone.get(r.nextInt(everyone.size())).sipUri(), past(r, 90),
                        words(r, 4 + r.nextInt(20)));
            }
        }
    }

    void mgccomp(Connection c) throws SQLException {
        Random r = random("mgccomp");
        String[] types = {"MessagePosted", "FileUploaded", "UserJoined", "UserLeft"};
        try (Insert e = new Insert(c, "compliance_events", "event_id", "room_id", "event_type", "occurred_at")) {
            for (int i = 1; i <= 20; i++) {
                e.row((long) i, 1 + r.nextInt(12), types[r.nextInt(types.length)], BASE_TIME.minusMinutes(r.nextInt(120)));
            }
        }
    }

    /** Which generator fills which database; transient databases get a little content too. */
    static boolean generates(LyncDatabase database) {
        return database != LyncDatabase.RTCAB1;
    }

    /** A batched INSERT into one table. */
    static final class Insert implements AutoCloseable {
        private final PreparedStatement statement;
        private int pending;

        Insert(Connection c, String table, String... columns) throws SQLException {
            String marks = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
            statement = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks + ")");
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
