package org.lyncrunbooks.topology;

import java.util.List;
import java.util.Optional;

/**
 * A SQL Server instance holding Lync databases: a Back End, an Archiving/Monitoring store, a Persistent
 * Chat store, or the SQL Express instance of a Standard Edition server ({@code collocated}).
 *
 * @param mirror  the SQL Server mirror of this Back End (synchronous mirroring, H5, P3); null when unmirrored
 * @param witness the mirroring witness, which makes failover to the mirror automatic; null when there is none
 */
public record SqlStore(String fqdn, String instance, boolean collocated, List<LyncDatabase> databases,
                       SqlStoreRef mirror, SqlStoreRef witness) {

    public SqlStore {
        databases = List.copyOf(databases);
    }

    /** An unmirrored store. */
    public SqlStore(String fqdn, String instance, boolean collocated, List<LyncDatabase> databases) {
        this(fqdn, instance, collocated, databases, null, null);
    }

    public Optional<SqlStoreRef> mirrorStore() {
        return Optional.ofNullable(mirror);
    }

    public Optional<SqlStoreRef> witnessStore() {
        return Optional.ofNullable(witness);
    }

    public SqlStoreRef ref() {
        return new SqlStoreRef(fqdn, instance);
    }

    public boolean holds(LyncDatabase database) {
        return databases.contains(database);
    }
}
