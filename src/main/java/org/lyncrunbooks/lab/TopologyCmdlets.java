package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.lyncrunbooks.sqlserver.SqlServerException;

/**
 * {@code Get-CsTopology}: the topology published in the Central Management store, read from its xds database (so a
 * pool added to the farm at run time is in it, and a farm whose store is lost has none). {@code -AsXml} prints the
 * document as Microsoft's cmdlet does ({@link TopologyXml}); without it, a summary of the object.
 */
final class TopologyCmdlets {

    private final CmdletSupport support;

    TopologyCmdlets(CmdletSupport support) {
        this.support = support;
    }

    List<CmdletSpec> specs() {
        return List.of(CmdletSpec.of("Get-CsTopology", List.of("Identity"), List.of("AsXml", "LocalStore", "Status"),
                List.of(), this::getTopology));
    }

    private String getTopology(CmdletSpec.Args args) {
        if (args.has("LocalStore")) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Cannot read the local configuration "
                    + "store: this computer (the runbooks' shell host) is not a Lync server and has no local replica.");
        }
        String document = published();
        if (args.has("AsXml")) {
            return document;
        }
        long clusters = document.lines().filter(l -> l.strip().startsWith("<Cluster ")).count();
        long services = document.lines().filter(l -> l.strip().startsWith("<Service ")).count();
        return "Identity : Global\nSites    : " + document.lines().filter(l -> l.strip().startsWith("<CentralSite ")).count()
                + "\nClusters : " + clusters + "\nServices : " + services + "\n";
    }

    /** The latest published document; Lync's errors when the store cannot be found or holds none. */
    private String published() {
        LabCms cms = LabCms.locate(support.farm());
        try (Connection xds = cms.openXds()) {
            int version = cms.requireTopology(xds);
            try (PreparedStatement ps = xds.prepareStatement("SELECT document FROM topology_document WHERE version = ?")) {
                ps.setInt(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }
}
