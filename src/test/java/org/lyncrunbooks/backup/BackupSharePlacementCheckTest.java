package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.Site;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A backup share on a server of the topology is a warning at start-up (D3: a stand-alone computer in no pool). */
@ExtendWith(OutputCaptureExtension.class)
class BackupSharePlacementCheckTest {

    @Test
    void aShareOnAFrontEndIsOneWarningLineAtStartUpNamingTheServerAndItsPool(CapturedOutput output) {
        Topology topology = topology("\\\\backupsrv.contoso.local\\lyncbackup");

        new BackupSharePlacementCheck(topology, properties("\\\\fe01.contoso.local\\lyncbackup"))
                .afterSingletonsInstantiated();

        List<String> warnings = output.getOut().lines().filter(l -> l.contains(" WARN ")).toList();
        assertThat(warnings).singleElement().asString()
                .contains("Backup share \\\\fe01.contoso.local\\lyncbackup (lync.backup.root-unc)")
                .contains("enterprise server fe01.contoso.local of pool pool01.contoso.local")
                .contains("stand-alone computer that is not part of any pool (D3)");
    }

    @Test
    void theTopologysBackupShareIsCheckedToo() {
        BackupSharePlacementCheck check = new BackupSharePlacementCheck(topology("\\\\sql01\\lyncbackup"), properties(""));

        assertThat(check.warnings()).singleElement().asString()
                .contains("\\\\sql01\\lyncbackup (the topology's backupShare")
                .contains("Back End sql01.contoso.local of pool pool01.contoso.local");
    }

    @Test
    void aShareOnAStandAloneComputerOrALocalRootWarnsOfNothing(CapturedOutput output) {
        new BackupSharePlacementCheck(topology("\\\\backupsrv.contoso.local\\lyncbackup"),
                properties("\\\\backupsrv.contoso.local\\lyncbackup")).afterSingletonsInstantiated();
        new BackupSharePlacementCheck(topology(null), properties("")).afterSingletonsInstantiated();

        assertThat(output.getOut()).doesNotContain("Backup share");
    }

    private static Topology topology(String backupShare) {
        Pool pool = new Pool("pool01.contoso.local", PoolKind.ENTERPRISE, "Redmond",
                List.of("fe01.contoso.local", "fe02.contoso.local"), new SqlStoreRef("sql01.contoso.local", "rtc"),
                true, false, null, null, null);
        return new Topology("Contoso", backupShare, List.of(new Site("Redmond", List.of(pool))), List.of(), List.of(),
                Path.of("topology.yaml"), "0".repeat(64));
    }

    private static BackupProperties properties(String rootUnc) {
        return new BackupProperties(Path.of("unused"), rootUnc, "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(3, Duration.ZERO),
                new BackupProperties.Worker(false, 1, 1, Duration.ofMinutes(5), Duration.ofSeconds(1)));
    }
}
