package org.lyncrunbooks.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.RecoveryPlanner;
import org.lyncrunbooks.topology.Topology;

/** The drill's configuration, its scratch folder's safety, and which items each recovery procedure restores. */
class DrillPartsTest {

    @TempDir
    Path dir;

    @Test
    void readsMaxDropAsAPercentageAndRefusesAnythingElse() {
        assertThat(properties("20%").maxDropFraction()).isEqualTo(0.2);
        assertThat(properties(" 12.5 % ").maxDropFraction()).isEqualTo(0.125);
        for (String bad : new String[] {"20", "0%", "100%", "-5%", "a lot"}) {
            assertThatThrownBy(() -> properties(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("lync.drill.max-drop must be a percentage above 0% and below 100%");
        }
        assertThatThrownBy(() -> new DrillProperties("0 0 5 * * ?", "drill01.contoso.local", null, "20%",
                Duration.ofDays(2), dir)).hasMessageContaining("lync.drill.sql-instance must be fqdn\\instance");
        assertThat(new DrillProperties("0 0 5 * * ?", "drill01.contoso.local\\drill", null, "20%", Duration.ofDays(2), dir)
                .drillInstance()).hasValueSatisfying(i -> assertThat(i.display()).isEqualTo("drill01.contoso.local\\drill"));
    }

    @Test
    void aTypoInTheDrillScheduleStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new DrillSchedule("0 0 5 * *")).hasMessageStartingWith("lync.drill.schedule '0 0 5 * *' is "
                + "not a valid Camunda cron");
    }

    @Test
    void theScratchFolderMayOverlapNeitherTheShareNorAFileStore() {
        Path share = dir.resolve("backups");
        assertThatThrownBy(() -> new ScratchFolders(share.resolve("scratch"), List.of(share)))
                .hasMessageContaining("overlaps " + share);
        assertThatThrownBy(() -> new ScratchFolders(dir, List.of(share))).hasMessageContaining("overlaps");
        new ScratchFolders(dir.resolve("scratch"), List.of(share, dir.resolve("fs01")));
    }

    @Test
    void removesLeftoversButNeverFollowsALinkOutOfTheScratchFolder() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("production"));
        Files.writeString(outside.resolve("keep.txt"), "production data");
        ScratchFolders scratch = new ScratchFolders(dir.resolve("scratch"), List.of(outside));
        Path set = Files.createDirectories(scratch.fileStore("20261126T020000Z", "lab-fs01"));
        Files.writeString(set.resolve("half.bin"), "x");
        Files.createSymbolicLink(scratch.root().resolve("link"), outside);

        assertThat(scratch.removeLeftovers()).hasSize(2);

        assertThat(scratch.root().toFile().list()).isEmpty();
        assertThat(outside.resolve("keep.txt")).hasContent("production data");
        assertThatThrownBy(() -> scratch.remove(outside)).hasMessageContaining("is not inside the drill's scratch folder");
    }

    @Test
    void eachProcedureRestoresWhatItsRecoveryRestores() {
        Topology topology = new org.lyncrunbooks.lab.LabFarm(new org.lyncrunbooks.lab.LabProperties(dir.resolve("farm"), 7, 4,
                8, Duration.ZERO)).topology();
        assertThat(RecoveryEstimates.restoredItems(RecoveryPlanner.plan(topology, "be01.lab.contoso.local").orElseThrow()))
                .containsExactly("cms:configuration", "cms:lis", "userdata:pool01.lab.contoso.local",
                        "rgs:pool01.lab.contoso.local", "sql:be01.lab.contoso.local_rtc:xds",
                        "sql:be01.lab.contoso.local_rtc:lis", "sql:be01.lab.contoso.local_rtc:rtcxds",
                        "sql:be01.lab.contoso.local_rtc:rtcshared", "sql:be01.lab.contoso.local_rtc:rtcab",
                        "sql:be01.lab.contoso.local_rtc:rtcdyn", "sql:be01.lab.contoso.local_rtc:rgsconfig",
                        "sql:be01.lab.contoso.local_rtc:rgsdyn", "sql:be01.lab.contoso.local_rtc:cpsdyn");
        assertThat(RecoveryEstimates.restoredItems(RecoveryPlanner.plan(topology, "se01.lab.contoso.local").orElseThrow()))
                .contains("filestore:lab-fs02", "userdata:se01.lab.contoso.local");
        assertThat(RecoveryEstimates.restoredItems(RecoveryPlanner.plan(topology, "mon01.lab.contoso.local").orElseThrow()))
                .containsExactly("sql:mon01.lab.contoso.local_archmon:LcsLog", "sql:mon01.lab.contoso.local_archmon:LcsCDR",
                        "sql:mon01.lab.contoso.local_archmon:QoEMetrics");
        assertThat(RecoveryEstimates.restoredItems(RecoveryPlanner.plan(topology, "fe01.lab.contoso.local").orElseThrow()))
                .isEmpty();
        assertThat(RecoveryEstimates.restoredItems(RecoveryPlanner.plan(topology, "pcsql01.lab.contoso.local").orElseThrow()))
                .contains("persistentchat:pchat01.lab.contoso.local");
        assertThat(RecoveryEstimates.words(Duration.ofSeconds(400))).isEqualTo("7 min");
        assertThat(RecoveryEstimates.words(Duration.ofMinutes(65))).isEqualTo("1 h 05 min");
    }

    private DrillProperties properties(String maxDrop) {
        return new DrillProperties("0 0 5 * * ?", null, null, maxDrop, Duration.ofDays(2), dir);
    }
}
