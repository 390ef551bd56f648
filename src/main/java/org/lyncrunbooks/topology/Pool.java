package org.lyncrunbooks.topology;

import java.util.List;
import java.util.Optional;

/**
 * A pool of the topology. For a Standard Edition server the pool FQDN is the server FQDN and
 * {@link #servers()} holds just that name.
 */
public record Pool(
        String fqdn,
        PoolKind kind,
        String site,
        List<String> servers,
        SqlStoreRef backEnd,
        boolean hostsCentralManagementStore,
        boolean responseGroup,
        String fileStore,
        SqlStoreRef persistentChatStore,
        PersistentChatBackup persistentChatBackup) {

    public Pool {
        servers = List.copyOf(servers);
    }

    public Optional<SqlStoreRef> backEndStore() {
        return Optional.ofNullable(backEnd);
    }

    public Optional<String> fileStoreName() {
        return Optional.ofNullable(fileStore);
    }

    /** How Persistent Chat data (the mgc database) is backed up: by the cmdlet or by a SQL Server backup (D14). */
    public enum PersistentChatBackup {
        EXPORT, SQL
    }
}
