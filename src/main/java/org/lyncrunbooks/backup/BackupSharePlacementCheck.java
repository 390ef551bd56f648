package org.lyncrunbooks.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.topology.SharePlacement;
import org.lyncrunbooks.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, warns when the backup share is hosted on a server of the topology. Microsoft keeps backups on "a
 * stand-alone computer that is not part of any pool" (D3); a share on a pool member, a Back End or a file server goes
 * down with it, taking the backups needed to rebuild it. A warning, not a refusal: a small lab or a migration may
 * knowingly run so for a while.
 */
@Component
class BackupSharePlacementCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BackupSharePlacementCheck.class);

    private final Topology topology;
    private final BackupProperties properties;

    BackupSharePlacementCheck(Topology topology, BackupProperties properties) {
        this.topology = topology;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        warnings().forEach(log::warn);
    }

    /** One line per configured share that a server of the topology hosts. */
    List<String> warnings() {
        Map<String, String> shares = new LinkedHashMap<>();
        if (properties.rootUnc() != null && !properties.rootUnc().isBlank()) {
            shares.put(properties.rootUnc().trim(), "lync.backup.root-unc");
        }
        if (topology.backupShare() != null) {
            shares.merge(topology.backupShare().trim(), "the topology's backupShare (" + topology.source() + ")",
                    (a, b) -> a + " and " + b);
        }
        List<String> warnings = new ArrayList<>();
        shares.forEach((unc, where) -> SharePlacement.serverHosting(topology, unc).ifPresent(server -> warnings.add(
                "Backup share " + unc + " (" + where + ") is hosted on a server of the topology: " + server
                        + ". Microsoft keeps backups on a stand-alone computer that is not part of any pool (D3); "
                        + "when that server fails its backups are lost with it. Move the share to such a computer.")));
        return warnings;
    }
}
