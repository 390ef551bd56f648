package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;

/**
 * One worker thread's copy-and-hash state, reused for every file it handles so that small files cost no
 * allocation: a direct buffer, which channels read into and write from without an extra copy, and a SHA-256
 * digest fed from the same buffer, so each byte is read once.
 */
final class HashBuffer {

    static final int SIZE = 1 << 20;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
    private final MessageDigest digest = Sha256.newDigest();

    /** Copies {@code in} to {@code out} up to end of file, hashing the bytes; returns how many were copied. */
    long copy(ReadableByteChannel in, WritableByteChannel out) throws IOException {
        digest.reset();
        long total = 0;
        for (int n; (n = in.read(buffer.clear())) >= 0; total += n) {
            buffer.flip();
            digest.update(buffer);
            buffer.rewind();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        return total;
    }

    /** Hashes {@code in} up to end of file; returns how many bytes were read. */
    long hash(ReadableByteChannel in) throws IOException {
        digest.reset();
        long total = 0;
        for (int n; (n = in.read(buffer.clear())) >= 0; total += n) {
            digest.update(buffer.flip());
        }
        return total;
    }

    /** The lowercase hex SHA-256 of the bytes of the last {@link #copy} or {@link #hash}. */
    String hex() {
        return Sha256.hex(digest.digest());
    }
}
