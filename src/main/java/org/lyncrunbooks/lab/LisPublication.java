package org.lyncrunbooks.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * What Publish-CsLisConfiguration does in the lab: the location database (lis) is only what clients get once it is
 * published into the Central Management store. Import-CsLisConfiguration changes lis and nothing else, so after an
 * import the published locations are the old ones (none, on a rebuilt CMS) until Publish-CsLisConfiguration runs
 * (C:Import-CsLisConfiguration, C:Publish-CsLisConfiguration; R16 runs the two in sequence). The publication is
 * the SHA-256 of the lis rows at publishing time, kept in xds's {@code lis_publication}.
 */
final class LisPublication {

    private static final List<String> TABLES = List.of("locations", "subnets", "wireless_access_points");

    private LisPublication() {
    }

    /** Publishes the current lis content into xds; returns how many location rows were published. */
    static long publish(LabDatabases databases, SqlStoreRef store, Connection xds) throws SQLException {
        Map<String, List<Map<String, Object>>> lis = databases.tables(store, LyncDatabase.LIS.databaseName());
        try (PreparedStatement ps = xds.prepareStatement(
                "MERGE INTO lis_publication (id, content_sha256) KEY (id) VALUES (1, ?)")) {
            ps.setString(1, sha256(lis));
            ps.executeUpdate();
        }
        return TABLES.stream().mapToLong(t -> lis.getOrDefault(t, List.of()).size()).sum();
    }

    /** Whether the lis content clients get (the publication in xds) is what lis holds now. */
    static boolean current(LabDatabases databases, SqlStoreRef store) {
        if (!databases.exists(store, LyncDatabase.XDS.databaseName()) || !databases.exists(store, LyncDatabase.LIS.databaseName())) {
            return false;
        }
        try (Connection xds = databases.open(store, LyncDatabase.XDS.databaseName());
             PreparedStatement ps = xds.prepareStatement("SELECT content_sha256 FROM lis_publication WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getString(1).equals(sha256(databases.tables(store, LyncDatabase.LIS.databaseName())));
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private static String sha256(Map<String, List<Map<String, Object>>> lis) {
        StringBuilder content = new StringBuilder();
        for (String table : TABLES) {
            content.append(table).append('=').append(lis.getOrDefault(table, List.of())).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
