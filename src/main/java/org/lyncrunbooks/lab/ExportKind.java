package org.lyncrunbooks.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.topology.LyncDatabase;

/**
 * The Management Shell export formats the lab writes and reads back: which rows of which databases each one
 * carries. A scoped table names its rows with a condition whose {@code ?} are all bound to the export's scope
 * (the pool FQDN for user data, the owning service for Response Group); children come after their parents.
 */
enum ExportKind {
    CONFIGURATION("CsConfiguration", "Export-CsConfiguration", "Import-CsConfiguration", "a configuration export",
            List.of(
            new ScopedTable(LyncDatabase.XDS, "topology_document", null),
            new ScopedTable(LyncDatabase.XDS, "policies", null),
            new ScopedTable(LyncDatabase.XDS, "settings", null))),
    LIS("CsLisConfiguration", "Export-CsLisConfiguration", "Import-CsLisConfiguration", "a LIS configuration export",
            List.of(
            new ScopedTable(LyncDatabase.LIS, "locations", null),
            new ScopedTable(LyncDatabase.LIS, "subnets", null),
            new ScopedTable(LyncDatabase.LIS, "wireless_access_points", null))),
    USER_DATA("CsUserData", "Export-CsUserData", "Import-CsUserData", "a user data export", List.of(
            new ScopedTable(LyncDatabase.RTCXDS, "users", "registrar_pool = ?"),
            new ScopedTable(LyncDatabase.RTCXDS, "contact_groups", UserScope.OF_POOL),
            new ScopedTable(LyncDatabase.RTCXDS, "contacts", UserScope.OF_POOL),
            new ScopedTable(LyncDatabase.RTCXDS, "permissions", UserScope.OF_POOL),
            new ScopedTable(LyncDatabase.RTCXDS, "conferences",
                    "organizer_id IN (SELECT user_id FROM users WHERE registrar_pool = ?)"),
            new ScopedTable(LyncDatabase.RTCSHARED, "conference_directories", "home_pool = ?"))),
    RGS("CsRgsConfiguration", "Export-CsRgsConfiguration", "Import-CsRgsConfiguration",
            "a Response Group configuration export", List.of(
            new ScopedTable(LyncDatabase.RGSCONFIG, "service_settings", "owner = ?"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "business_hours", "owner = ?"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "holiday_sets", "owner = ?"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "holidays",
                    "set_id IN (SELECT set_id FROM holiday_sets WHERE owner = ?)"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "agent_groups", "owner = ?"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "agent_group_members",
                    "group_id IN (SELECT group_id FROM agent_groups WHERE owner = ?)"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "queues", "owner = ?"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "queue_agent_groups",
                    "queue_id IN (SELECT queue_id FROM queues WHERE owner = ?)"),
            new ScopedTable(LyncDatabase.RGSCONFIG, "workflows", "owner = ?"))),
    PERSISTENT_CHAT("CsPersistentChatData", "Export-CsPersistentChatData", "Import-CsPersistentChatData",
            "a Persistent Chat export", List.of(
            new ScopedTable(LyncDatabase.MGC, "categories", null),
            new ScopedTable(LyncDatabase.MGC, "rooms", null),
            new ScopedTable(LyncDatabase.MGC, "room_members", null),
            new ScopedTable(LyncDatabase.MGC, "chat_messages", null)));

    private final String metadataKind;
    private final String exportCmdlet;
    private final String importCmdlet;
    private final String description;
    private final List<ScopedTable> tables;

    ExportKind(String metadataKind, String exportCmdlet, String importCmdlet, String description, List<ScopedTable> tables) {
        this.metadataKind = metadataKind;
        this.exportCmdlet = exportCmdlet;
        this.importCmdlet = importCmdlet;
        this.description = description;
        this.tables = tables;
    }

    static final String DOC_ITEM_SET = "DocItemSet.xml";
    static final String META_DATA = "MetaData.xml";
    static final String NAMESPACE = "urn:lyncrunbooks:lab:export:1";

    String metadataKind() {
        return metadataKind;
    }

    String exportCmdlet() {
        return exportCmdlet;
    }

    String importCmdlet() {
        return importCmdlet;
    }

    /** "a user data export", for messages that refuse a file. */
    String description() {
        return description;
    }

    List<ScopedTable> tables() {
        return tables;
    }

    List<LyncDatabase> databases() {
        return tables.stream().map(ScopedTable::database).distinct().toList();
    }

    static Optional<ExportKind> fromMetadata(String kind) {
        return Arrays.stream(values()).filter(k -> k.metadataKind.equals(kind)).findFirst();
    }

    /** What MetaData.xml says about an export. */
    record MetaData(ExportKind kind, String scope, String source, java.time.Instant exportedAt,
                    Map<String, Long> rowCounts) {

        long totalRows() {
            return rowCounts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A table of an export and the condition selecting its rows, or null for all rows. */
    record ScopedTable(LyncDatabase database, String table, String where) {

        /** The table as MetaData.xml counts it: {@code rtcxds.users}. */
        String key() {
            return database.databaseName() + "." + table;
        }

        int parameters() {
            return where == null ? 0 : (int) where.chars().filter(ch -> ch == '?').count();
        }
    }

    private static final class UserScope {
        static final String OF_POOL = "user_id IN (SELECT user_id FROM users WHERE registrar_pool = ?)";
    }
}
