package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;

/**
 * What the Response Group service (RTCRGS) does when it starts on a server of its pool: a pool whose rgsconfig
 * database holds no application-level settings yet (a freshly installed Back End) gets the default ones — no
 * default music on hold, a 60 s agent ring-back grace period, call context on. Import-CsRgsConfiguration keeps
 * those defaults unless it is told {@code -ReplaceExistingRgsSettings} (R13; one set of settings per pool, R15).
 */
final class ResponseGroupService {

    static final int DEFAULT_RINGBACK_GRACE_PERIOD = 60;

    private ResponseGroupService() {
    }

    /** Writes the pool's default settings when its rgsconfig exists and has none; nothing when it cannot be reached. */
    static void started(LabFarm farm, Pool pool) {
        if (!pool.responseGroup() || pool.backEnd() == null
                || !farm.databases().exists(pool.backEnd(), LyncDatabase.RGSCONFIG.databaseName())) {
            return;
        }
        String owner = CmdletSupport.rgsOwner(pool);
        try (Connection rgs = farm.databases().open(pool.backEnd(), LyncDatabase.RGSCONFIG.databaseName())) {
            try (PreparedStatement ps = rgs.prepareStatement("SELECT 1 FROM service_settings WHERE owner = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = rgs.prepareStatement("INSERT INTO service_settings (owner, default_music_on_hold, "
                    + "agent_ringback_grace_period, disable_call_context) VALUES (?, NULL, ?, FALSE)")) {
                ps.setString(1, owner);
                ps.setInt(2, DEFAULT_RINGBACK_GRACE_PERIOD);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }
}
