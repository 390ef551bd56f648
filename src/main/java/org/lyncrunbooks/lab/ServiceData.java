package org.lyncrunbooks.lab;

import static org.lyncrunbooks.lab.DataGenerator.BASE_TIME;
import static org.lyncrunbooks.lab.DataGenerator.DOMAIN;
import static org.lyncrunbooks.lab.DataGenerator.guid;
import static org.lyncrunbooks.lab.DataGenerator.past;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.lyncrunbooks.lab.DataGenerator.Insert;
import org.lyncrunbooks.lab.DataGenerator.RgsContact;
import org.lyncrunbooks.lab.DataGenerator.User;
import org.lyncrunbooks.topology.Topology;

/**
 * Generates the service configuration of the lab from the seed: the Central Management store (topology
 * document, policies, settings), the Location Information service and Response Group.
 */
final class ServiceData {

    private final DataGenerator data;

    ServiceData(DataGenerator data) {
        this.data = data;
    }

    // ---------------------------------------------------------------- xds

    void xds(Connection c, Topology topology) throws SQLException {
        try (Insert doc = new Insert(c, "topology_document", "version", "published_at", "published_by", "document")) {
            doc.row(1, BASE_TIME.minusDays(120), "CONTOSO\\lyncadmin", TopologyXml.of(topology));
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

    // ---------------------------------------------------------------- lis

    void lis(Connection c) throws SQLException {
        Random r = data.random("lis");
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

    // ---------------------------------------------------------------- response group

    /** Fills rgsconfig for a pool running Response Group; returns the workflows' AD contact objects. */
    List<RgsContact> rgsconfig(Connection c, String pool, List<User> users, String ownerServiceInstanceId)
            throws SQLException {
        Random r = data.random("rgs:" + pool);
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
                Set<String> members = new LinkedHashSet<>();
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
        Random r = data.random("rgsdyn");
        try (Insert a = new Insert(c, "agent_states", "agent_uri", "group_id", "signed_in", "changed_at")) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < Math.min(8, users.size()); i++) {
                String agent = users.get(r.nextInt(users.size())).sipUri();
                if (seen.add(agent)) {
                    a.row(agent, guid(r), r.nextBoolean(), BASE_TIME.minusMinutes(r.nextInt(480)));
                }
            }
        }
    }

}
