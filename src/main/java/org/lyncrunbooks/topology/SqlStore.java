package org.lyncrunbooks.topology;

import java.util.List;

/**
 * A SQL Server instance holding Lync databases: a Back End, an Archiving/Monitoring store, a Persistent
 * Chat store, or the SQL Express instance of a Standard Edition server ({@code collocated}).
 */
public record SqlStore(String fqdn, String instance, boolean collocated, List<LyncDatabase> databases) {

    public SqlStore {
        databases = List.copyOf(databases);
    }

    public SqlStoreRef ref() {
        return new SqlStoreRef(fqdn, instance);
    }

    public boolean holds(LyncDatabase database) {
        return databases.contains(database);
    }
}
