package org.lyncrunbooks.drill;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.lyncrunbooks.backup.BackupProperties;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.lyncrunbooks.sqlserver.SqlProperties;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.Topology;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The restore drill's service and the tools it drills each kind of item with. */
@Configuration(proxyBeanMethods = false)
class DrillConfiguration {

    @Bean
    DrillSchedule drillSchedule(DrillProperties properties) {
        return new DrillSchedule(properties.schedule());
    }

    @Bean
    DrillRecords drillRecords(BackupShare share) {
        return new DrillRecords(share);
    }

    /** The scratch folder, which may overlap neither the backup share nor a file store of the topology. */
    @Bean
    ScratchFolders drillScratchFolders(DrillProperties properties, BackupProperties backup, Topology topology) {
        List<Path> protectedFolders = new ArrayList<>();
        protectedFolders.add(backup.root());
        topology.fileStores().stream().map(FileStore::mountPath).forEach(protectedFolders::add);
        return new ScratchFolders(properties.scratchFolder(), protectedFolders);
    }

    @Bean
    DrillService drillService(BackupShare share, Topology topology, DrillRecords records, DrillRuns runs,
                              SqlServerClient sql, FileStoreRestorer restorer, DataSource dataSource,
                              DataSourceProperties dataSourceProperties, PostgresProperties postgres,
                              SqlProperties sqlProperties, ScratchFolders scratch, DrillProperties properties,
                              BackupProperties backup, Clock clock) {
        ItemDrills drills = new ItemDrills(new SqlDatabaseDrill(sql, properties, clock),
                new ExportDrill(new ExportInspector(), properties, clock), new FileStoreDrill(restorer, scratch, clock),
                new EngineDatabaseDrill(dataSource, dataSourceProperties, postgres, sqlProperties, scratch, clock),
                backup.serverRoot(), clock);
        return new DrillService(share, topology, records, runs, sql, drills, scratch, properties, clock);
    }
}
