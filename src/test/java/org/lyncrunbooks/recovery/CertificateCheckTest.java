package org.lyncrunbooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.recovery.RecoveryLab.BE_SERVER;
import static org.lyncrunbooks.recovery.RecoveryLab.FE1;
import static org.lyncrunbooks.recovery.RecoveryLab.POOL;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.LabCertificates;
import org.lyncrunbooks.lab.ServerState;

/**
 * The check after an operator restored or re-enrolled a server's certificate: on real certificates the lab CA
 * issued, with the right and the wrong thumbprint, names and validity.
 */
class CertificateCheckTest {

    /** What the lab topology says pool01's Front End certificates carry: pool, web services, simple URLs. */
    static final String EXTERNAL_WEB = "pool01ext.lab.contoso.com";
    static final List<String> FRONT_END_NAMES = List.of(FE1, POOL, EXTERNAL_WEB, "meet.lab.contoso.local",
            "dialin.lab.contoso.local", "admin.lab.contoso.local");

    @TempDir
    static Path dir;

    private static RecoveryLab lab;
    private static RecoveryService service;
    private static ServerState.Certificate installed;
    private static LabCertificates.Issued expired;
    private static LabCertificates.Issued notYetValid;
    private static LabCertificates.Issued withoutPool;
    private static LabCertificates.Issued withoutWebServices;
    private static LabCertificates.Issued commonNameOnly;
    private static LabCertificates.Issued wildcard;
    private static LabCertificates.Issued twoLabelWildcard;

    @BeforeAll
    static void certificates() {
        Instant now = Instant.now();
        // keytool takes a second per certificate: issue them side by side
        var expiredLater = issue(FE1, FRONT_END_NAMES, now.minus(Duration.ofDays(400)));
        var notYetValidLater = issue(FE1, FRONT_END_NAMES, now.plus(Duration.ofDays(3)));
        var withoutPoolLater = issue(FE1, List.of(FE1), null);
        var withoutWebServicesLater = issue(FE1, List.of(FE1, POOL), null);
        var commonNameOnlyLater = issue(BE_SERVER, List.of(), null);
        var wildcardLater = issue("lab.contoso.local", List.of("*.lab.contoso.local", EXTERNAL_WEB), null);
        var twoLabelLater = issue("contoso.local", List.of("*.contoso.local"), null);
        lab = RecoveryLab.withoutBackup(dir);
        service = lab.service();
        installed = lab.farm.installCertificate(FE1);
        expired = expiredLater.join();
        notYetValid = notYetValidLater.join();
        withoutPool = withoutPoolLater.join();
        withoutWebServices = withoutWebServicesLater.join();
        commonNameOnly = commonNameOnlyLater.join();
        wildcard = wildcardLater.join();
        twoLabelWildcard = twoLabelLater.join();
    }

    private static CompletableFuture<LabCertificates.Issued> issue(String name, List<String> dnsNames, Instant notBefore) {
        return CompletableFuture.supplyAsync(() -> LabCertificates.issue(name, dnsNames, notBefore, 365));
    }

    @Test
    void aCertificateTheLabIssuedPassesHoweverItsThumbprintIsWritten() {
        String pem = lab.farm.certificatePem(FE1);
        String written = "\u200e" + installed.thumbprint().toLowerCase().replaceAll("(..)", "$1 ").strip();
        String chain = pem + commonNameOnly.pem();

        assertThat(service.checkCertificate(FE1, installed.thumbprint(), pem))
                .isEqualTo(new RecoveryService.CheckResult(true, null));
        assertThat(service.checkCertificate(FE1, written, pem).passed()).isTrue();
        assertThat(service.checkCertificate(FE1, installed.thumbprint().replaceAll("(..)(?!$)", "$1:"), chain).passed())
                .isTrue();
    }

    @Test
    void aWrongThumbprintFailsNamingBoth() {
        String other = withoutPool.thumbprint();

        RecoveryService.CheckResult result = service.checkCertificate(FE1, other, lab.farm.certificatePem(FE1));

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("the certificate of " + FE1 + " does not fit: the thumbprint " + other
                + " is not this certificate's (" + installed.thumbprint() + ")");
        assertThat(service.checkCertificate(FE1, "12AB", lab.farm.certificatePem(FE1)).reason())
                .contains("'12AB' is not a SHA-1 thumbprint (40 hex digits");
        assertThat(service.checkCertificate(FE1, "", lab.farm.certificatePem(FE1)).reason())
                .contains("no thumbprint was given");
    }

    @Test
    void anExpiredOrNotYetValidCertificateFails() {
        RecoveryService.CheckResult old = service.checkCertificate(FE1, expired.thumbprint(), expired.pem());
        RecoveryService.CheckResult early = service.checkCertificate(FE1, notYetValid.thumbprint(), notYetValid.pem());

        assertThat(old.passed()).isFalse();
        assertThat(old.reason()).isEqualTo("the certificate of " + FE1 + " does not fit: it expired on "
                + expired.notAfter());
        assertThat(early.reason()).isEqualTo("the certificate of " + FE1 + " does not fit: it is not valid before "
                + notYetValid.notBefore());
    }

    @Test
    void aFrontEndCertificateMustNameThePoolTheWebServicesAndTheSimpleUrls() {
        RecoveryService.CheckResult result = service.checkCertificate(FE1, withoutPool.thumbprint(), withoutPool.pem());
        RecoveryService.CheckResult noWeb = service.checkCertificate(FE1, withoutWebServices.thumbprint(),
                withoutWebServices.pem());

        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).startsWith("the certificate of " + FE1 + " does not fit: it does not name " + POOL
                + " (it names " + FE1 + ")");
        assertThat(noWeb.reason()).isEqualTo("the certificate of " + FE1 + " does not fit: it does not name " + EXTERNAL_WEB
                + " (it names " + FE1 + ", " + POOL + "); it does not name meet.lab.contoso.local (it names " + FE1 + ", "
                + POOL + "); it does not name dialin.lab.contoso.local (it names " + FE1 + ", " + POOL + "); it does not "
                + "name admin.lab.contoso.local (it names " + FE1 + ", " + POOL + ")");
        assertThat(service.checkCertificate(FE1, wildcard.thumbprint(), wildcard.pem()).passed()).isTrue();
    }

    @Test
    void anEdgeServersExternalCertificateMustNameItsAccessWebConferencingAndAvEdgeFqdns() {
        String edge = "edge01a.lab.contoso.local";
        ServerState.Certificate internal = lab.farm.installCertificate(edge);
        ServerState.Certificate external = lab.farm.installExternalCertificate(edge);
        LabCertificates.Issued accessOnly = LabCertificates.issue("sip.lab.contoso.com", List.of("sip.lab.contoso.com"), null, 30);

        RecoveryService.CheckResult both = service.checkCertificate(edge, internal.thumbprint(), lab.farm.certificatePem(edge),
                external.thumbprint(), lab.farm.externalCertificatePem(edge));
        RecoveryService.CheckResult partial = service.checkCertificate(edge, internal.thumbprint(),
                lab.farm.certificatePem(edge), accessOnly.thumbprint(), accessOnly.pem());

        assertThat(both).isEqualTo(new RecoveryService.CheckResult(true, null));
        assertThat(partial.reason()).isEqualTo("the external certificate of Edge server " + edge + " (Access, Web "
                + "Conferencing and A/V Edge) does not fit: it does not name webconf.lab.contoso.com (it names "
                + "sip.lab.contoso.com); it does not name av.lab.contoso.com (it names sip.lab.contoso.com)");
    }

    @Test
    void aBackEndSqlServerIsNotAskedForALyncCertificate() {
        org.lyncrunbooks.topology.RecoveryPlan plan = org.lyncrunbooks.topology.RecoveryPlanner
                .plan(lab.farm.topology(), BE_SERVER).orElseThrow();
        assertThat(plan.needsLyncCertificate()).isFalse();
        assertThat(plan.certificateNames(lab.farm.topology())).isEmpty();
        assertThat(org.lyncrunbooks.topology.RecoveryPlanner.plan(lab.farm.topology(), FE1).orElseThrow()
                .certificateNames(lab.farm.topology())).containsExactlyElementsOf(FRONT_END_NAMES);
        assertThat(service.checkCertificate(BE_SERVER, commonNameOnly.thumbprint(), commonNameOnly.pem()).passed()).isTrue();
    }

    @Test
    void aWildcardCoversOneLabelOnlyAndEveryProblemIsListed() {
        RecoveryService.CheckResult result = service.checkCertificate("edge01a.lab.contoso.local", "00", expired.pem());
        RecoveryService.CheckResult wild = service.checkCertificate("mon01.lab.contoso.local", wildcard.thumbprint(),
                wildcard.pem());
        RecoveryService.CheckResult twoLabels = service.checkCertificate(FE1, wildcard.thumbprint(),
                twoLabelWildcard.pem());

        assertThat(result.reason()).contains("'00' is not a SHA-1 thumbprint")
                .contains("it does not name edge01a.lab.contoso.local (it names " + FE1 + ", " + POOL + ", ")
                .contains("it does not name edge01.lab.contoso.local")
                .contains("it expired on")
                .endsWith(". the external certificate of Edge server edge01a.lab.contoso.local (Access, Web Conferencing "
                        + "and A/V Edge) does not fit: no certificate was given (paste the PEM text, -----BEGIN "
                        + "CERTIFICATE----- …)");
        assertThat(wild.passed()).isTrue();
        assertThat(twoLabels.reason()).contains("it does not name " + FE1 + " (it names *.contoso.local)")
                .contains("it does not name " + POOL);
    }

    @Test
    void textThatIsNotACertificateFailsWithAReasonInsteadOfAnException() {
        assertThat(service.checkCertificate(FE1, withoutPool.thumbprint(), "hello").reason())
                .isEqualTo("the certificate of " + FE1 + " does not fit: the text is not a PEM certificate: no "
                        + "-----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- block");
        assertThat(service.checkCertificate(FE1, withoutPool.thumbprint(),
                "-----BEGIN CERTIFICATE-----\nAAAA%%%\n-----END CERTIFICATE-----").reason())
                .contains("the PEM block is not valid Base64");
        assertThat(service.checkCertificate(FE1, withoutPool.thumbprint(),
                "-----BEGIN CERTIFICATE-----\nTUlJQ2Fub3RoZXIgdGhpbmc=\n-----END CERTIFICATE-----").reason())
                .contains("the PEM block is not an X.509 certificate");
        assertThat(service.checkCertificate(FE1, withoutPool.thumbprint(), null).reason())
                .contains("no certificate was given");
    }
}
