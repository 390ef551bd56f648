package org.lyncrunbooks.filestore;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit fingerprints of relative paths, for tables that must hold hundreds of thousands of paths in little memory:
 * FNV-1a over the UTF-8 bytes, finished with a 64-bit mix. Never 0, so 0 can mark an empty slot.
 */
public final class PathFingerprint {

    private PathFingerprint() {
    }

    public static long of(String path) {
        long h = 0xcbf29ce484222325L;
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long fingerprint = mix(h);
        return fingerprint == 0 ? 1 : fingerprint;
    }

    /** A 64-bit finaliser (SplitMix64's), also used to spread fingerprints over a table's slots. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
