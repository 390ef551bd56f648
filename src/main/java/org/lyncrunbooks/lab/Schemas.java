package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.topology.LyncDatabase;

/**
 * The table layout of each lab database, modelled on what the Lync Server 2013 database holds, and the
 * {@code Install-CsDatabase -DatabaseType} groups they are installed by. Every database also has the
 * {@code principals} table: the database users and their roles.
 */
final class Schemas {

    static final String PRINCIPALS = "principals";
    static final String COMPONENT_SERVICES = "CONTOSO\\RTCComponentUniversalServices";
    static final String SERVER_ROLE = "ServerRole";

    private static final String PRINCIPALS_DDL =
            "CREATE TABLE principals (name VARCHAR(256) PRIMARY KEY, role VARCHAR(64) NOT NULL)";

    private static final Map<LyncDatabase, List<String>> TABLES = Map.ofEntries(
            Map.entry(LyncDatabase.XDS, List.of(
                    "CREATE TABLE topology_document (version INTEGER PRIMARY KEY, published_at TIMESTAMP NOT NULL, "
                            + "published_by VARCHAR(128) NOT NULL, document CLOB NOT NULL)",
                    "CREATE TABLE topology_state (id INTEGER PRIMARY KEY, enabled BOOLEAN NOT NULL, enabled_version INTEGER)",
                    "CREATE TABLE policies (identity VARCHAR(256) PRIMARY KEY, policy_type VARCHAR(64) NOT NULL, "
                            + "scope VARCHAR(64) NOT NULL, settings CLOB NOT NULL)",
                    "CREATE TABLE settings (identity VARCHAR(256) PRIMARY KEY, setting_type VARCHAR(64) NOT NULL, "
                            + "settings CLOB NOT NULL)",
                    // the location database as published to clients (Publish-CsLisConfiguration); see LisPublication
                    "CREATE TABLE lis_publication (id INTEGER PRIMARY KEY, content_sha256 VARCHAR(64) NOT NULL)")),
            Map.entry(LyncDatabase.LIS, List.of(
                    "CREATE TABLE locations (location_id INTEGER PRIMARY KEY, location_name VARCHAR(64) NOT NULL, "
                            + "company_name VARCHAR(64) NOT NULL, house_number VARCHAR(10), street_name VARCHAR(64), "
                            + "city VARCHAR(64), state VARCHAR(2), postal_code VARCHAR(10), country VARCHAR(2), "
                            + "updated_at TIMESTAMP NOT NULL)",
                    "CREATE TABLE subnets (subnet VARCHAR(45) PRIMARY KEY, location_id INTEGER NOT NULL, description VARCHAR(128))",
                    "CREATE TABLE wireless_access_points (bssid VARCHAR(17) PRIMARY KEY, location_id INTEGER NOT NULL, "
                            + "description VARCHAR(128))")),
            Map.entry(LyncDatabase.RTCXDS, List.of(
                    "CREATE TABLE users (user_id INTEGER PRIMARY KEY, sip_uri VARCHAR(256) NOT NULL UNIQUE, "
                            + "display_name VARCHAR(128) NOT NULL, registrar_pool VARCHAR(256) NOT NULL, line_uri VARCHAR(64), "
                            + "enterprise_voice BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)",
                    "CREATE TABLE contact_groups (user_id INTEGER, group_id INTEGER, name VARCHAR(64) NOT NULL, "
                            + "PRIMARY KEY (user_id, group_id))",
                    "CREATE TABLE contacts (user_id INTEGER, contact_uri VARCHAR(256), group_id INTEGER NOT NULL, "
                            + "display_name VARCHAR(128), PRIMARY KEY (user_id, contact_uri))",
                    "CREATE TABLE permissions (user_id INTEGER, member_uri VARCHAR(256), access_level VARCHAR(32) NOT NULL, "
                            + "PRIMARY KEY (user_id, member_uri))",
                    "CREATE TABLE conferences (conference_id VARCHAR(32) PRIMARY KEY, organizer_id INTEGER NOT NULL, "
                            + "subject VARCHAR(256), scheduled_start TIMESTAMP, expires_at TIMESTAMP NOT NULL, "
                            + "admission_type VARCHAR(32) NOT NULL)")),
            Map.entry(LyncDatabase.RTCSHARED, List.of(
                    "CREATE TABLE conference_directories (directory_id INTEGER PRIMARY KEY, home_pool VARCHAR(256) NOT NULL, "
                            + "service_id VARCHAR(128) NOT NULL, created_at TIMESTAMP NOT NULL)")),
            Map.entry(LyncDatabase.RTCAB, List.of(
                    "CREATE TABLE ab_entries (entry_id INTEGER PRIMARY KEY, sip_uri VARCHAR(256) NOT NULL, "
                            + "display_name VARCHAR(128), phone VARCHAR(32))")),
            Map.entry(LyncDatabase.RTCAB1, List.of(
                    "CREATE TABLE ab_entries (entry_id INTEGER PRIMARY KEY, sip_uri VARCHAR(256) NOT NULL, "
                            + "display_name VARCHAR(128), phone VARCHAR(32))")),
            Map.entry(LyncDatabase.RTCDYN, List.of(
                    "CREATE TABLE endpoints (endpoint_id VARCHAR(36) PRIMARY KEY, sip_uri VARCHAR(256) NOT NULL, "
                            + "front_end VARCHAR(256) NOT NULL, registered_at TIMESTAMP NOT NULL)")),
            Map.entry(LyncDatabase.RGSCONFIG, List.of(
                    "CREATE TABLE service_settings (owner VARCHAR(256) PRIMARY KEY, default_music_on_hold VARCHAR(256), "
                            + "agent_ringback_grace_period INTEGER NOT NULL, disable_call_context BOOLEAN NOT NULL)",
                    "CREATE TABLE business_hours (hours_id VARCHAR(36) PRIMARY KEY, owner VARCHAR(256) NOT NULL, "
                            + "name VARCHAR(128) NOT NULL, weekday_open VARCHAR(5) NOT NULL, weekday_close VARCHAR(5) NOT NULL)",
                    "CREATE TABLE holiday_sets (set_id VARCHAR(36) PRIMARY KEY, owner VARCHAR(256) NOT NULL, name VARCHAR(128) NOT NULL)",
                    "CREATE TABLE holidays (set_id VARCHAR(36), name VARCHAR(128), start_at TIMESTAMP NOT NULL, "
                            + "end_at TIMESTAMP NOT NULL, PRIMARY KEY (set_id, name))",
                    "CREATE TABLE agent_groups (group_id VARCHAR(36) PRIMARY KEY, owner VARCHAR(256) NOT NULL, "
                            + "name VARCHAR(128) NOT NULL, routing_method VARCHAR(32) NOT NULL, alert_time INTEGER NOT NULL, "
                            + "participation_policy VARCHAR(16) NOT NULL)",
                    "CREATE TABLE agent_group_members (group_id VARCHAR(36), agent_uri VARCHAR(256), position INTEGER NOT NULL, "
                            + "PRIMARY KEY (group_id, agent_uri))",
                    "CREATE TABLE queues (queue_id VARCHAR(36) PRIMARY KEY, owner VARCHAR(256) NOT NULL, name VARCHAR(128) NOT NULL, "
                            + "timeout_threshold INTEGER, overflow_threshold INTEGER, overflow_action VARCHAR(64))",
                    "CREATE TABLE queue_agent_groups (queue_id VARCHAR(36), group_id VARCHAR(36), position INTEGER NOT NULL, "
                            + "PRIMARY KEY (queue_id, group_id))",
                    "CREATE TABLE workflows (workflow_id VARCHAR(36) PRIMARY KEY, owner VARCHAR(256) NOT NULL, "
                            + "name VARCHAR(128) NOT NULL, primary_uri VARCHAR(256) NOT NULL UNIQUE, line_uri VARCHAR(64), "
                            + "display_number VARCHAR(32), active BOOLEAN NOT NULL, queue_id VARCHAR(36) NOT NULL, "
                            + "business_hours_id VARCHAR(36), holiday_set_id VARCHAR(36), welcome_prompt VARCHAR(256), "
                            + "language VARCHAR(8) NOT NULL)")),
            Map.entry(LyncDatabase.RGSDYN, List.of(
                    "CREATE TABLE agent_states (agent_uri VARCHAR(256), group_id VARCHAR(36), signed_in BOOLEAN NOT NULL, "
                            + "changed_at TIMESTAMP NOT NULL, PRIMARY KEY (agent_uri, group_id))")),
            Map.entry(LyncDatabase.CPSDYN, List.of(
                    "CREATE TABLE parked_calls (orbit VARCHAR(16) PRIMARY KEY, parked_by VARCHAR(256) NOT NULL, "
                            + "parked_at TIMESTAMP NOT NULL)")),
            Map.entry(LyncDatabase.LCSLOG, List.of(
                    "CREATE TABLE users (user_id INTEGER PRIMARY KEY, sip_uri VARCHAR(256) NOT NULL UNIQUE)",
                    "CREATE TABLE messages (message_id BIGINT PRIMARY KEY, session_id BIGINT NOT NULL, "
                            + "message_time TIMESTAMP NOT NULL, from_user_id INTEGER NOT NULL, to_user_id INTEGER NOT NULL, "
                            + "content_type VARCHAR(64) NOT NULL, body VARCHAR(1024) NOT NULL)")),
            Map.entry(LyncDatabase.LCSCDR, List.of(
                    "CREATE TABLE users (user_id INTEGER PRIMARY KEY, sip_uri VARCHAR(256) NOT NULL UNIQUE)",
                    "CREATE TABLE session_details (session_id BIGINT PRIMARY KEY, session_start TIMESTAMP NOT NULL, "
                            + "session_end TIMESTAMP, caller_id INTEGER NOT NULL, callee_id INTEGER NOT NULL, "
                            + "media_types VARCHAR(64) NOT NULL, response_code INTEGER NOT NULL, front_end VARCHAR(256) NOT NULL)")),
            Map.entry(LyncDatabase.QOEMETRICS, List.of(
                    "CREATE TABLE session_quality (session_id BIGINT, stream_id INTEGER, measured_at TIMESTAMP NOT NULL, "
                            + "jitter_ms DOUBLE PRECISION NOT NULL, packet_loss_rate DOUBLE PRECISION NOT NULL, "
                            + "round_trip_ms INTEGER NOT NULL, mos DOUBLE PRECISION NOT NULL, PRIMARY KEY (session_id, stream_id))")),
            Map.entry(LyncDatabase.MGC, List.of(
                    "CREATE TABLE categories (category_id INTEGER PRIMARY KEY, name VARCHAR(128) NOT NULL, "
                            + "description VARCHAR(256), file_upload BOOLEAN NOT NULL, chat_history BOOLEAN NOT NULL)",
                    "CREATE TABLE rooms (room_id INTEGER PRIMARY KEY, category_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL, "
                            + "privacy VARCHAR(16) NOT NULL, room_type VARCHAR(16) NOT NULL, created_at TIMESTAMP NOT NULL)",
                    "CREATE TABLE room_members (room_id INTEGER, principal_uri VARCHAR(256), role VARCHAR(16), "
                            + "PRIMARY KEY (room_id, principal_uri, role))",
                    "CREATE TABLE chat_messages (message_id BIGINT PRIMARY KEY, room_id INTEGER NOT NULL, "
                            + "sender_uri VARCHAR(256) NOT NULL, posted_at TIMESTAMP NOT NULL, content VARCHAR(2048) NOT NULL)")),
            Map.entry(LyncDatabase.MGCCOMP, List.of(
                    "CREATE TABLE compliance_events (event_id BIGINT PRIMARY KEY, room_id INTEGER NOT NULL, "
                            + "event_type VARCHAR(32) NOT NULL, occurred_at TIMESTAMP NOT NULL)")));

    private Schemas() {
    }

    /**
     * The statements that create {@code database} empty: its tables and its users. The {@code ServerRole} database
     * role, with RTCComponentUniversalServices in it, exists only in the Archiving and Monitoring databases (R11 step 4
     * names LcsLog, LcsCDR and QoEMetrics); the other databases have no such role.
     */
    static List<String> ddl(LyncDatabase database) {
        List<String> statements = new ArrayList<>(TABLES.get(database));
        statements.add(PRINCIPALS_DDL);
        if (hasServerRole(database)) {
            statements.add("INSERT INTO principals (name, role) VALUES ('" + COMPONENT_SERVICES.replace("'", "''")
                    + "', '" + SERVER_ROLE + "')");
        }
        return statements;
    }

    /**
     * The rows Lync setup writes into a Central Management store it creates ({@code Install-CsDatabase
     * -CentralManagementDatabase}, which "Prepare first Standard Edition server" runs): the factory-default global
     * settings and policies, and a topology state saying no topology is enabled. There is no topology document: a
     * topology is published later (Topology Builder, or {@code Import-CsConfiguration} in a restore). The location
     * database (lis) starts empty.
     */
    static List<String> setupRows(LyncDatabase database) {
        if (database != LyncDatabase.XDS) {
            return List.of();
        }
        return List.of(
                "INSERT INTO topology_state (id, enabled, enabled_version) VALUES (1, FALSE, NULL)",
                "INSERT INTO settings (identity, setting_type, settings) VALUES ('RegistrarConfiguration:Global', "
                        + "'RegistrarConfiguration', '<Registrar MinEndpointExpiration=\"300\" MaxEndpointsPerUser=\"8\" "
                        + "Origin=\"Setup\"/>')",
                "INSERT INTO settings (identity, setting_type, settings) VALUES ('UserServicesConfiguration:Global', "
                        + "'UserServicesConfiguration', '<UserServices MaxContacts=\"250\" Origin=\"Setup\"/>')",
                "INSERT INTO policies (identity, policy_type, scope, settings) VALUES ('ClientPolicy:Global', "
                        + "'ClientPolicy', 'Global', '<ClientPolicy Origin=\"Setup\"/>')",
                "INSERT INTO policies (identity, policy_type, scope, settings) VALUES ('ConferencingPolicy:Global', "
                        + "'ConferencingPolicy', 'Global', '<ConferencingPolicy MaxMeetingSize=\"250\" Origin=\"Setup\"/>')");
    }

    /** Whether the database has the {@code ServerRole} role: the Archiving and Monitoring databases only. */
    static boolean hasServerRole(LyncDatabase database) {
        return database == LyncDatabase.LCSLOG || database == LyncDatabase.LCSCDR || database == LyncDatabase.QOEMETRICS;
    }

    /** The Install-CsDatabase {@code -DatabaseType} values the lab supports, and the databases each installs. */
    enum DatabaseType {
        CENTRAL_MGMT("CentralMgmt", LyncDatabase.XDS, LyncDatabase.LIS),
        USER("User", LyncDatabase.RTCXDS, LyncDatabase.RTCSHARED, LyncDatabase.RTCAB, LyncDatabase.RTCDYN),
        APPLICATION("Application", LyncDatabase.RGSCONFIG, LyncDatabase.RGSDYN, LyncDatabase.CPSDYN),
        ARCHIVING("Archiving", LyncDatabase.LCSLOG),
        MONITORING("Monitoring", LyncDatabase.LCSCDR, LyncDatabase.QOEMETRICS),
        PERSISTENT_CHAT("PersistentChat", LyncDatabase.MGC),
        PERSISTENT_CHAT_COMPLIANCE("PersistentChatCompliance", LyncDatabase.MGCCOMP);

        private final String cmdletName;
        private final List<LyncDatabase> databases;

        DatabaseType(String cmdletName, LyncDatabase... databases) {
            this.cmdletName = cmdletName;
            this.databases = List.of(databases);
        }

        String cmdletName() {
            return cmdletName;
        }

        List<LyncDatabase> databases() {
            return databases;
        }

        static Optional<DatabaseType> fromCmdletName(String value) {
            return Arrays.stream(values()).filter(t -> t.cmdletName.equalsIgnoreCase(value)).findFirst();
        }

        static String allNames() {
            return String.join(", ", Arrays.stream(values()).map(DatabaseType::cmdletName).toList());
        }
    }

    /** The canonical Lync database for a name as SQL Server would match it (case-insensitive). */
    static Optional<LyncDatabase> database(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(LyncDatabase.values()).filter(d -> d.databaseName().toLowerCase(Locale.ROOT).equals(lower))
                .findFirst();
    }
}
