package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.SQL_2012;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.topology.SqlStoreRef;

/** Servers of the lab's multi-role shape, restored through the service: one server, several of Microsoft's procedures. */
class MultiRoleRecoveryTest {

    static final String MON_SERVER = "mon01.lab.contoso.local";
    static final SqlStoreRef ARCHMON = new SqlStoreRef(MON_SERVER, "archmon");
    static final SqlStoreRef PCHAT = new SqlStoreRef(MON_SERVER, "pchat");

    @TempDir
    Path dir;

    @Test
    void aStoreServerWithArchivingMonitoringAndPersistentChatGetsEveryDatabaseBackAndServerRoleOnlyWhereR11SaysSo() {
        RecoveryLab lab = RecoveryLab.withBackup(dir, FarmShape.MULTI_ROLE);
        Map<String, Object> before = tables(lab);
        RecoveryService service = lab.service();
        String set = service.assess(MON_SERVER, "").setId();

        lab.farm.destroyServer(MON_SERVER);
        lab.farm.installOperatingSystem(MON_SERVER);
        lab.farm.installSqlServer(ARCHMON, SQL_2012);
        lab.farm.installSqlServer(PCHAT, SQL_2012);
        service.installStoreDatabases("two-stores", MON_SERVER);
        service.restoreDatabases("two-stores", MON_SERVER, set, false, null, null);

        assertThat(tables(lab)).isEqualTo(before);
        assertThat(service.journal("two-stores")).filteredOn(e -> e.step().startsWith("restore-database:"))
                .extracting(JournalEntry::step, JournalEntry::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("restore-database:mon01.lab.contoso.local_archmon:LcsLog",
                                "restored database LcsLog on " + ARCHMON.display() + " from sql/mon01.lab.contoso.local_archmon"
                                        + "/LcsLog.bak into the instance's default data and log folders; RTCComponentUniversalServices is a user with the ServerRole role (as Microsoft's Monitoring and Archiving restore requires)"),
                        org.assertj.core.groups.Tuple.tuple("restore-database:mon01.lab.contoso.local_archmon:LcsCDR",
                                "restored database LcsCDR on " + ARCHMON.display() + " from sql/mon01.lab.contoso.local_archmon"
                                        + "/LcsCDR.bak into the instance's default data and log folders; RTCComponentUniversalServices is a user with the ServerRole role (as Microsoft's Monitoring and Archiving restore requires)"),
                        org.assertj.core.groups.Tuple.tuple("restore-database:mon01.lab.contoso.local_archmon:QoEMetrics",
                                "restored database QoEMetrics on " + ARCHMON.display() + " from sql/mon01.lab.contoso.local_archmon"
                                        + "/QoEMetrics.bak into the instance's default data and log folders; RTCComponentUniversalServices is a user with the ServerRole role (as Microsoft's Monitoring and Archiving restore requires)"),
                        org.assertj.core.groups.Tuple.tuple("restore-database:mon01.lab.contoso.local_pchat:mgc",
                                "restored database mgc on " + PCHAT.display() + " from sql/mon01.lab.contoso.local_pchat/mgc.bak into "
                                        + "the instance's default data and log folders"));
    }

    private static Map<String, Object> tables(RecoveryLab lab) {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String database : new String[] {"LcsLog", "LcsCDR", "QoEMetrics"}) {
            tables.put(database, lab.farm.tables(ARCHMON, database));
        }
        tables.put("mgc", lab.farm.tables(PCHAT, "mgc"));
        return tables;
    }
}
