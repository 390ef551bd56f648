package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;

/** An Edge server of the lab is a perimeter machine: configured from a file, with an external certificate. */
class LabEdgeServerTest {

    static final String EDGE = "edge01a.lab.contoso.local";

    @TempDir
    Path dir;

    @Test
    void anEdgeServersWizardImportsTheConfigurationFromAFileAndAssignsTheExternalCertificate() throws Exception {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));
        Path media = Files.createDirectories(dir.resolve("media"));
        Path file = media.resolve("CsConfiguration.zip");
        LabFixtures.runOk(new LabShell(farm), Cmdlet.of("Export-CsConfiguration").with("FileName", file.toString()));
        farm.destroyServer(EDGE);
        farm.installOperatingSystem(EDGE);

        assertThatThrownBy(() -> farm.runDeploymentWizard(EDGE))
                .hasMessageContaining("an Edge server is not in the internal domain and cannot reach the Central "
                        + "Management store; import the configuration from a file");
        farm.runDeploymentWizard(EDGE, file);

        ServerState edge = farm.serverState(EDGE);
        assertThat(edge.runningServices()).contains("RTCMRAUTH", "RTCMEDIARELAY");
        assertThat(edge.externalCertificate().subjectAlternativeNames())
                .containsExactly("sip.lab.contoso.com", "webconf.lab.contoso.com", "av.lab.contoso.com");
        assertThat(edge.certificate().subjectAlternativeNames()).containsExactly(EDGE, "edge01.lab.contoso.local");
    }

    @Test
    void aSqlServerHasNoLyncCertificateToRestore() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));

        assertThatThrownBy(() -> farm.installCertificate("be01.lab.contoso.local"))
                .hasMessage("be01.lab.contoso.local has no Lync Server role (SqlServer): it never had a Lync certificate, "
                        + "so there is none to restore or re-enrol");
    }
}
