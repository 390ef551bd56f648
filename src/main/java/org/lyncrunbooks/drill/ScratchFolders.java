package org.lyncrunbooks.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.lyncrunbooks.backupset.AtomicFiles;

/**
 * The drill's scratch folder ({@code lync.drill.scratch-folder}): file stores and the engine database are restored
 * under {@code <scratch>/<setId>/…} and removed afterwards; whatever is left there when a drill starts was left by
 * one that died, and goes. The folder may not overlap the backup share or a production folder, so nothing a drill
 * removes can ever be one of them; links are removed, never followed.
 */
final class ScratchFolders {

    private final Path root;

    /**
     * @param protectedFolders folders a drill must never write or remove in: the backup root and every file store
     * @throws IllegalArgumentException when the scratch folder overlaps one of them
     */
    ScratchFolders(Path root, Collection<Path> protectedFolders) {
        this.root = root.toAbsolutePath().normalize();
        for (Path folder : protectedFolders) {
            Path other = folder.toAbsolutePath().normalize();
            if (this.root.startsWith(other) || other.startsWith(this.root)) {
                throw new IllegalArgumentException("lync.drill.scratch-folder " + this.root + " overlaps " + other
                        + "; a drill removes what it restores there, so it must be a folder of its own");
            }
        }
    }

    Path root() {
        return root;
    }

    Path fileStore(String setId, String name) {
        return set(setId).resolve("filestore").resolve(name);
    }

    Path engine(String setId) {
        return set(setId).resolve("engine");
    }

    /** Removes what the drill of {@code setId} restored, once it is done. */
    void removeSet(String setId) {
        remove(set(setId));
    }

    /** Removes a folder under the scratch root (a link itself, not what it points to). */
    void remove(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (!normalized.startsWith(root) || normalized.equals(root)) {
            throw new IllegalArgumentException(path + " is not inside the drill's scratch folder " + root);
        }
        try {
            if (Files.isSymbolicLink(normalized)) {
                Files.delete(normalized);
            } else if (Files.exists(normalized, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.deleteTree(normalized);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + normalized + ": " + e.getMessage(), e);
        }
    }

    /** Removes everything under the scratch root; returns what was there. */
    List<Path> removeLeftovers() {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                remove(entry);
                removed.add(entry);
            }
        } catch (NoSuchFileException e) {
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the drill's scratch folder " + root + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private Path set(String setId) {
        if (setId == null || !setId.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("'" + setId + "' is not a set id");
        }
        return root.resolve(setId);
    }
}
