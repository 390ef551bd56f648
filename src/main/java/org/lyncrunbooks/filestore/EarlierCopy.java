package org.lyncrunbooks.filestore;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An earlier, verified copy of the tree being copied (the same file store in the newest verified set), with the size
 * and SHA-256 its manifest recorded for each file. {@link FileStoreCopier} hard-links a file from it instead of
 * copying it when the file in the source has the size and modification time of the earlier copy's file.
 *
 * <p>Built by the caller from the earlier manifest with {@link #add}; kept compact (about 70 bytes a file: a 64-bit
 * fingerprint of the path, the size and the 32-byte digest), so a store of hundreds of thousands of files costs a few
 * megabytes. Two paths with the same fingerprint are both left out, so a fingerprint never names the wrong file.
 * Filled by one thread before the copy starts, then only read (by the copier's threads).
 */
public final class EarlierCopy {

    private static final HexFormat HEX = HexFormat.of();

    private final Path root;
    private final String label;
    private long[] keys = new long[1 << 10];
    private int[] slots = new int[1 << 10];
    private int used;
    private long[] sizes = new long[256];
    private byte[] digests = new byte[256 * 32];
    private int entries;

    /**
     * @param root  the folder holding the earlier copy of the tree
     * @param label what the caller calls the earlier copy (the set id), handed back with every reused file
     */
    public EarlierCopy(Path root, String label) {
        this.root = Objects.requireNonNull(root, "root");
        this.label = Objects.requireNonNull(label, "label");
    }

    public Path root() {
        return root;
    }

    public String label() {
        return label;
    }

    /** Files the index can offer (paths sharing a fingerprint are not counted). */
    public int size() {
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && slots[i] >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Records a file of the earlier copy: its path relative to {@link #root()}, its size and its lowercase hex SHA-256. */
    public void add(String relativePath, long size, String sha256) {
        if (sha256 == null || sha256.length() != 64 || size < 0) {
            return;
        }
        long key = PathFingerprint.of(relativePath);
        if (2 * (used + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = (int) PathFingerprint.mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                keys[i] = key;
                slots[i] = store(size, sha256);
                used++;
                return;
            }
            if (keys[i] == key) {
                slots[i] = -1;
                return;
            }
        }
    }

    /** The entry of {@code relativePath}, or -1 when the earlier copy has no (unambiguous) entry for it. */
    int find(String relativePath) {
        long key = PathFingerprint.of(relativePath);
        int mask = keys.length - 1;
        for (int i = (int) PathFingerprint.mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == 0) {
                return -1;
            }
            if (keys[i] == key) {
                return slots[i];
            }
        }
    }

    long size(int entry) {
        return sizes[entry];
    }

    String sha256(int entry) {
        return HEX.formatHex(digests, entry * 32, entry * 32 + 32);
    }

    private int store(long size, String sha256) {
        if (entries == sizes.length) {
            sizes = Arrays.copyOf(sizes, entries * 2);
            digests = Arrays.copyOf(digests, entries * 2 * 32);
        }
        sizes[entries] = size;
        byte[] digest = HEX.parseHex(sha256);
        System.arraycopy(digest, 0, digests, entries * 32, 32);
        return entries++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = (int) PathFingerprint.mix(oldKeys[j]) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                slots[i] = oldSlots[j];
            }
        }
    }
}
