package org.lyncrunbooks.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharePlacementTest {

    @TempDir
    Path dir;
    Topology topology;

    @BeforeEach
    void readFarm() {
        topology = TopologyReader.read(TopologyFixtures.twoPoolFarm(dir));
    }

    @Test
    void aShareOnAStandAloneComputerIsHostedByNoServerOfTheTopology() {
        assertThat(SharePlacement.serverHosting(topology, "\\\\backupsrv.contoso.local\\lyncbackup")).isEmpty();
        assertThat(SharePlacement.serverHosting(topology, "\\\\backupsrv\\lyncbackup")).isEmpty();
    }

    @Test
    void aShareOnAFrontEndIsNamedWithItsPool() {
        assertThat(SharePlacement.serverHosting(topology, "\\\\FE02.contoso.local\\lyncbackup\\sets"))
                .hasValueSatisfying(role -> assertThat(role).contains("fe02.contoso.local").contains("pool01.contoso.local"));
    }

    @Test
    void aShortNameMatchesTheServerItStandsFor() {
        assertThat(SharePlacement.serverHosting(topology, "\\\\sql01\\backup"))
                .hasValueSatisfying(role -> assertThat(role).contains("Back End sql01.contoso.local"));
        assertThat(SharePlacement.serverHosting(topology, "\\\\edge01a\\backup"))
                .hasValueSatisfying(role -> assertThat(role).contains("edge server edge01a.contoso.local"));
    }

    @Test
    void fileServersSqlStoresAndStandardEditionServersAreServersOfTheTopology() {
        assertThat(SharePlacement.serverHosting(topology, "\\\\fs01.contoso.local\\lyncbackup"))
                .hasValueSatisfying(role -> assertThat(role).contains("file server fs01.contoso.local"));
        assertThat(SharePlacement.serverHosting(topology, "\\\\sqlmon.contoso.local\\b"))
                .hasValueSatisfying(role -> assertThat(role).contains("Monitoring/Archiving"));
        assertThat(SharePlacement.serverHosting(topology, "\\\\se01.contoso.local\\b"))
                .hasValueSatisfying(role -> assertThat(role).contains("Standard Edition server se01.contoso.local"));
    }

    @Test
    void anEnterprisePoolsFqdnStandsForItsFrontEnds() {
        assertThat(SharePlacement.serverHosting(topology, "\\\\pool01.contoso.local\\lyncbackup"))
                .hasValueSatisfying(role -> assertThat(role)
                        .contains("enterprise pool pool01.contoso.local")
                        .contains("fe01.contoso.local, fe02.contoso.local"));
    }

    @Test
    void aLocalPathIsNoShare() {
        assertThat(SharePlacement.serverHosting(topology, "D:\\LyncBackup")).isEmpty();
        assertThat(SharePlacement.serverHosting(topology, "/srv/lyncbackup")).isEmpty();
        assertThat(SharePlacement.serverHosting(topology, null)).isEmpty();
        assertThat(SharePlacement.serverHosting(topology, "\\\\?\\C:\\backup")).isEmpty();
    }
}
