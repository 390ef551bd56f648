package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lyncrunbooks.lab.LabFixtures.FE1;
import static org.lyncrunbooks.lab.LabFixtures.POOL;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void anInstalledCertificateIsARealX509CertificateForTheServerAndItsPoolValidForAYear() throws Exception {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));

        ServerState.Certificate installed = farm.installCertificate(FE1);
        String pem = farm.certificatePem(FE1);

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        String sha1 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(certificate.getEncoded()));
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(installed.thumbprint()).isEqualTo(sha1);
        assertThat(farm.serverState(FE1).certificate()).isEqualTo(installed);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + FE1);
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
        assertThat(names).contains(FE1, POOL).containsExactlyElementsOf(installed.subjectAlternativeNames());
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(365));
        assertThat(installed.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());
        assertThat(farm.directory().resolve("servers/" + FE1 + "/certificate.pem")).hasContent(pem.strip());
    }

    @Test
    void aRebuiltMachineLosesItsCertificateAndARestoredOneBringsItsPemBack() {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));
        ServerState.Certificate installed = farm.installCertificate(FE1);
        String pem = farm.certificatePem(FE1);

        farm.installOperatingSystem(FE1);
        assertThatThrownBy(() -> farm.certificatePem(FE1))
                .isInstanceOf(IllegalStateException.class).hasMessage(FE1 + " has no certificate installed");
        farm.installCertificate(FE1, installed);

        assertThat(farm.certificatePem(FE1)).isEqualTo(pem);
        assertThatThrownBy(() -> farm.certificatePem(LabFixtures.FE2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is a record of the generated farm");
    }

    @Test
    void testsCanHaveCertificatesThatExpiredOrNameSomethingElse() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(30));

        LabCertificates.Issued expired = LabCertificates.issue("old.lab.contoso.local", List.of(), start, 10);

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(expired.pem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(expired.notBefore()).isBetween(start.minusSeconds(5), start.plusSeconds(5));
        assertThat(expired.notAfter()).isEqualTo(expired.notBefore().plus(Duration.ofDays(10))).isBefore(Instant.now());
        assertThatThrownBy(() -> LabCertificates.issue("x,O=evil", List.of(), null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a DNS name");
        assertThatThrownBy(() -> LabCertificates.issue(FE1, List.of("a b"), null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabCertificates.issue(FE1, List.of(), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
