package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The Central Management store as a Lync server finds it: through the service connection point in AD, then on
 * that SQL instance, then in its xds database.
 */
final class LabCms {

    private final LabFarm farm;
    private final SqlStoreRef store;

    private LabCms(LabFarm farm, SqlStoreRef store) {
        this.farm = farm;
        this.store = store;
    }

    /** Reads the service connection point; fails like Lync does when AD has none. */
    static LabCms locate(LabFarm farm) {
        Map<?, ?> scp = farm.state().readIfExists(farm.layout().cmsScp(), Map.class).orElseThrow(() -> new CmdletFailure(
                CmdletFailure.Category.ObjectNotFound,
                "Cannot find the Central Management store: the service control point (SCP) in Active Directory is "
                        + "missing. Run Set-CsConfigurationStoreLocation to point Active Directory at the store."));
        return new LabCms(farm, new SqlStoreRef(String.valueOf(scp.get("sqlServerFqdn")),
                String.valueOf(scp.get("sqlInstanceName"))));
    }

    SqlStoreRef store() {
        return store;
    }

    /** Opens xds; SQL Server's errors when the instance is unreachable or xds is not installed. */
    Connection openXds() {
        return farm.databases().open(store, LyncDatabase.XDS.databaseName());
    }

    Connection openLis() {
        return farm.databases().open(store, LyncDatabase.LIS.databaseName());
    }

    /** Checks that xds holds a published topology; returns its latest version. */
    int requireTopology() {
        try (Connection xds = openXds()) {
            return requireTopology(xds);
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    int requireTopology(Connection xds) throws SQLException {
        try (PreparedStatement ps = xds.prepareStatement("SELECT MAX(version) FROM topology_document");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            int version = rs.getInt(1);
            if (rs.wasNull()) {
                throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "The Central Management store on "
                        + store.display() + " holds no topology. Import a configuration (Import-CsConfiguration) or "
                        + "publish the topology first.");
            }
            return version;
        }
    }

    /** Checks that xds holds a topology and that it is enabled (Enable-CsTopology has run since it was imported). */
    void requireEnabledTopology() {
        try (Connection xds = openXds()) {
            requireTopology(xds);
            try (PreparedStatement ps = xds.prepareStatement("SELECT enabled FROM topology_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "The topology in the Central "
                            + "Management store on " + store.display() + " is not enabled. Run Enable-CsTopology first.");
                }
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return store.display();
    }
}
