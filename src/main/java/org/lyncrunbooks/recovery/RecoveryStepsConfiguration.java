package org.lyncrunbooks.recovery;

import java.time.Clock;

import org.lyncrunbooks.backup.BackupProperties;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recovery service's collaborators: the published sets it restores from, the journal that makes each step run
 * once, the checks after each manual step, the data restores and the cmdlet steps.
 */
@Configuration(proxyBeanMethods = false)
class RecoveryStepsConfiguration {

    @Bean
    PublishedSets publishedSets(BackupShare share, BackupProperties backup, Clock clock) {
        return new PublishedSets(share, backup.serverRoot(), clock);
    }

    @Bean
    RecoveryJournal recoveryJournal(BackupShare share, Clock clock) {
        return new RecoveryJournal(share.root(), clock);
    }

    @Bean
    RebuildChecks rebuildChecks(Topology topology, SqlServerClient sqlServer, HostResolver hosts, Clock clock) {
        return new RebuildChecks(topology, sqlServer, hosts, clock);
    }

    @Bean
    DataRestores dataRestores(PublishedSets sets, RecoveryJournal journal, FileStoreRestorer restorer,
                              SqlServerClient sqlServer) {
        return new DataRestores(sets, journal, restorer, sqlServer);
    }

    @Bean
    CmdletSteps cmdletSteps(Topology topology, PublishedSets sets, RecoveryJournal journal, LyncShell shell,
                            SqlServerClient sqlServer, RecoveryProperties recovery) {
        return new CmdletSteps(topology, sets, journal, shell, sqlServer, recovery.edgeExportFolder());
    }
}
