package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.topology.SqlStoreRef;

/** The backup cycle's SQL Server backups stay out of the DBA's own backup chain (D13). */
class SqlBackupChainTest {

    static final SqlStoreRef MON = new SqlStoreRef("mon01.lab.contoso.local", "archmon");

    @TempDir
    Path dir;

    @Test
    void aBackupCycleLeavesTheDbasNightlyFullBackupAsTheDifferentialBase() {
        LabFarm farm = new LabFarm(new LabProperties(dir.resolve("farm"), 7, 12, 24, Duration.ZERO));
        farm.topology();
        String before = farm.differentialBase(MON, "LcsCDR").orElseThrow();
        JdbcDataSource engine = new JdbcDataSource();
        engine.setURL("jdbc:h2:mem:chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        LabBackups.takeBackup(farm, dir.resolve("backups"), engine);

        assertThat(before).startsWith("G:\\SQLBackup\\LcsCDR_FULL.bak (taken by CONTOSO\\sqldba");
        for (String database : new String[] {"LcsLog", "LcsCDR", "QoEMetrics"}) {
            assertThat(farm.differentialBase(MON, database)).as(database)
                    .hasValueSatisfying(base -> assertThat(base).contains("taken by CONTOSO\\sqldba"));
        }
    }
}
