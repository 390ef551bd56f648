package org.lyncrunbooks.recovery;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Checks the certificate an operator restored or re-enrolled on a rebuilt server (R2) against what Lync needs:
 * the thumbprint the operator wrote down is this certificate's, its names cover the server (and its pool), and it
 * is valid now. Every problem is reported, none thrown.
 */
final class CertificateCheck {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final int DNS_NAME = 2;

    private CertificateCheck() {
    }

    /** The problems with the first certificate of {@code pem}; empty when there are none. */
    static List<String> problems(String pem, String thumbprint, List<String> requiredNames, Instant now) {
        List<String> problems = new ArrayList<>();
        X509Certificate certificate;
        try {
            certificate = parse(pem);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        String actual = thumbprint(certificate);
        String given = normalizeThumbprint(thumbprint);
        if (given.isEmpty()) {
            problems.add("no thumbprint was given (the certificate's is " + actual + ")");
        } else if (!given.matches("[0-9A-F]{40}")) {
            problems.add("'" + PublishedSets.printable(thumbprint.strip()) + "' is not a SHA-1 thumbprint (40 hex digits;"
                    + " the certificate's is " + actual + ")");
        } else if (!given.equals(actual)) {
            problems.add("the thumbprint " + given + " is not this certificate's (" + actual + ")");
        }
        List<String> names;
        try {
            names = names(certificate);
        } catch (CertificateParsingException | InvalidNameException e) {
            problems.add("its names cannot be read: " + e.getMessage());
            names = List.of();
        }
        for (String required : requiredNames) {
            if (names.stream().noneMatch(name -> covers(name, required))) {
                problems.add("it does not name " + required + " (it names " + (names.isEmpty() ? "nothing"
                        : String.join(", ", names)) + ")");
            }
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            problems.add("it is not valid before " + notBefore);
        }
        if (now.isAfter(notAfter)) {
            problems.add("it expired on " + notAfter);
        }
        return problems;
    }

    /** The first certificate of a PEM text (the server's; a chain may follow). */
    static X509Certificate parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no certificate was given (paste the PEM text, " + BEGIN + " …)");
        }
        int begin = pem.indexOf(BEGIN);
        int end = begin < 0 ? -1 : pem.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("the text is not a PEM certificate: no " + BEGIN + " … " + END + " block");
        }
        String body = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the PEM block is empty");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block is not valid Base64: " + e.getMessage(), e);
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("the PEM block is not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** SHA-1 of the DER encoding, upper-case hex without separators, as Windows shows it. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate thumbprint: " + e.getMessage(), e);
        }
    }

    /**
     * A thumbprint as typed or pasted: case, spaces and colons do not matter, nor the invisible left-to-right mark
     * the Windows certificate dialog puts in front of it when copied.
     */
    static String normalizeThumbprint(String thumbprint) {
        if (thumbprint == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        thumbprint.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != ':'
                        && Character.getType(c) != Character.FORMAT)
                .forEach(sb::appendCodePoint);
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** The DNS names of the subject alternative names, or the subject's common name when there are none. */
    static List<String> names(X509Certificate certificate) throws CertificateParsingException, InvalidNameException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                if (alternative.size() >= 2 && Integer.valueOf(DNS_NAME).equals(alternative.get(0))) {
                    names.add(String.valueOf(alternative.get(1)));
                }
            }
        }
        if (names.isEmpty()) {
            LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (Rdn rdn : subject.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        }
        return names;
    }

    /** Whether a certificate name covers a host name; a wildcard stands for exactly one leftmost label. */
    static boolean covers(String certificateName, String hostName) {
        String name = trimDot(certificateName.toLowerCase(Locale.ROOT));
        String host = trimDot(hostName.toLowerCase(Locale.ROOT));
        if (name.equals(host)) {
            return true;
        }
        if (name.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(name.substring(2));
        }
        return false;
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
