package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's certificate authority: issues real, self-signed X.509 certificates with the JDK's own {@code keytool}
 * (no provider library, no JDK internals), so that what a recovery checks — thumbprint, names, validity — is checked
 * on a real certificate. Tests use {@link #issue} to make expired or wrongly named ones.
 */
public final class LabCertificates {

    private static final Logger log = LoggerFactory.getLogger(LabCertificates.class);
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final String ALIAS = "server";
    private static final String PASSWORD_VARIABLE = "LAB_KEYSTORE_PASSWORD";
    private static final long TIMEOUT_SECONDS = 120;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LabCertificates() {
    }

    /**
     * A certificate as the lab issued it.
     *
     * @param pem        the certificate alone, PEM-encoded (its private key is not kept)
     * @param thumbprint SHA-1 of its DER encoding, upper-case hex, as Windows shows it
     */
    public record Issued(String pem, String thumbprint, String subject, List<String> dnsNames, Instant notBefore,
                         Instant notAfter) {

        public Issued {
            dnsNames = List.copyOf(dnsNames);
        }
    }

    /**
     * Issues a certificate for {@code CN=<commonName>} with the given DNS subject alternative names (none: the common
     * name alone identifies it), valid from {@code notBefore} (null: now) for {@code validityDays} days.
     */
    public static Issued issue(String commonName, List<String> dnsNames, Instant notBefore, int validityDays) {
        requireName(commonName);
        dnsNames.forEach(LabCertificates::requireName);
        if (validityDays < 1) {
            throw new IllegalArgumentException("validityDays must be at least 1, got " + validityDays);
        }
        Path work;
        try {
            work = Files.createTempDirectory("lab-ca-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder for keytool: " + e.getMessage(), e);
        }
        String password = HexFormat.of().formatHex(randomBytes());
        try {
            Path keystore = work.resolve("server.p12");
            keytool(work, password, genkeypair(commonName, dnsNames, notBefore, validityDays, keystore));
            X509Certificate certificate = read(keystore, password);
            byte[] der = certificate.getEncoded();
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
            String thumbprint = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
            return new Issued(pem, thumbprint, "CN=" + commonName, dnsNames, certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate keytool issued: " + e.getMessage(), e);
        } finally {
            try {
                FarmGenerator.deleteTree(work);
            } catch (IOException e) {
                log.warn("Could not remove keytool's working folder {}", work, e);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static List<String> genkeypair(String commonName, List<String> dnsNames, Instant notBefore, int validityDays,
                                           Path keystore) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                // keytool is a short-lived JVM: skipping the optimising compiler nearly halves its run time
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=" + commonName, "-validity", Integer.toString(validityDays),
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                // the password comes from the environment, so it never shows in the process list
                "-storepass:env", PASSWORD_VARIABLE, "-noprompt"));
        if (!dnsNames.isEmpty()) {
            command.addAll(List.of("-ext", "SAN=" + String.join(",", dnsNames.stream().map(n -> "dns:" + n).toList())));
        }
        if (notBefore != null) {
            long seconds = Duration.between(Instant.now(), notBefore).getSeconds();
            command.addAll(List.of("-startdate", (seconds < 0 ? "-" : "+") + Math.abs(seconds) + "S"));
        }
        return command;
    }

    private static void keytool(Path work, String password, List<String> command) {
        Path output = work.resolve("keytool.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put(PASSWORD_VARIABLE, password);
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
        log.debug("keytool issued a certificate in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private static X509Certificate read(Path keystore, String password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keystore keytool wrote: " + e.getMessage(), e);
        }
        return (X509Certificate) store.getCertificate(ALIAS);
    }

    private static void requireName(String name) {
        if (name == null || !DNS_NAME.matcher(name).matches() || name.length() > 253) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name the lab CA issues certificates for");
        }
    }
}
