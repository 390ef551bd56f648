package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/** Root checks and time stamps shared by copy, restore and verification. */
final class Folders {

    private Folders() {
    }

    /** The real path of an existing folder the caller configured (a link at the root itself is the caller's choice). */
    static Path existing(Path folder, String role) {
        if (!Files.isDirectory(folder)) {
            throw new FileStoreException(role + " " + folder + " is not an existing folder");
        }
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new FileStoreException("cannot resolve " + role + " " + folder + ": " + FileStoreException.describe(e), e);
        }
    }

    /**
     * Creates the target folder, or accepts it if it exists and is empty (or, with {@code allowNonEmpty}, holds
     * anything); returns its real path.
     */
    static Path cleanTarget(Path target, boolean allowNonEmpty) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(target)) {
                if (!Files.isDirectory(target)) {
                    throw new FileStoreException("target " + target + " exists and is not a folder");
                }
                long entries = countEntries(target);
                if (entries > 0 && !allowNonEmpty) {
                    throw new TargetNotCleanException("target " + target + " is not clean: it holds " + entries
                            + (entries == 1 ? " entry" : " entries") + "; refusing to write over existing data");
                }
            } else {
                Files.createDirectories(target);
            }
            return target.toRealPath();
        } catch (IOException e) {
            throw new FileStoreException("cannot prepare target " + target + ": " + FileStoreException.describe(e), e);
        }
    }

    /** Refuses a target inside the source or the other way round, which would copy the copy forever. */
    static void requireDisjoint(Path realSource, Path realTarget) {
        if (realTarget.startsWith(realSource) || realSource.startsWith(realTarget)) {
            throw new FileStoreException("source " + realSource + " and target " + realTarget + " overlap");
        }
    }

    /**
     * Sets both times so the JDK need not read the current ones first; follows links, so callers only pass
     * paths they created or checked.
     */
    static void setTimes(Path path, BasicFileAttributes from) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class)
                .setTimes(from.lastModifiedTime(), from.lastAccessTime(), null);
    }

    private static long countEntries(Path folder) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path ignored : entries) {
                count++;
            }
        }
        return count;
    }
}
