package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of whole files as lowercase hex, the form manifests record. */
public final class Sha256 {

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /**
     * Hashes one file, following a link if {@code file} is one (the caller chose the path); for small files
     * elsewhere in the code base, where no copy runs at the same time.
     */
    public static String hashFile(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new FileStoreException("cannot hash " + file + ": " + FileStoreException.describe(e), e);
        }
        return hex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }
}
