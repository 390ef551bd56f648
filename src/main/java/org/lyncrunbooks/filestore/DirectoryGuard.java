package org.lyncrunbooks.filestore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the folders of manifest paths under one root, checking once per folder that its real path lies inside
 * the root's real path, so a link inside the tree cannot lead a restore or verification outside it; for restore
 * targets it also creates missing folders one level at a time without following links. A small LRU cache keeps
 * the cost at one check per folder for manifests listed folder by folder, with memory independent of the tree.
 * Not thread-safe: the thread that feeds the workers owns it.
 */
final class DirectoryGuard {

    private static final int CACHE_SIZE = 256;

    private final Path realRoot;
    private final boolean create;
    private final Map<String, Path> checked = new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Path> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** {@code realRoot} must already be a real path ({@link Path#toRealPath}). */
    DirectoryGuard(Path realRoot, boolean create) {
        this.realRoot = realRoot;
        this.create = create;
    }

    /**
     * The real path of the folder holding {@code relativePath} (already checked by {@link RelativePaths}).
     *
     * @throws NoSuchFileException when the folder is missing and this guard does not create folders
     * @throws FileStoreException when the folder leads outside the root or is not a folder
     */
    Path folderOf(String relativePath) throws IOException {
        String parent = RelativePaths.parent(relativePath);
        Path folder = checked.get(parent);
        if (folder == null) {
            folder = check(parent);
            checked.put(parent, folder);
        }
        return folder;
    }

    private Path check(String parent) throws IOException {
        if (parent.isEmpty()) {
            return realRoot;
        }
        if (!realRoot.resolve(parent).normalize().startsWith(realRoot)) {
            throw new FileStoreException("unsafe path " + RelativePaths.quote(parent) + ": leads outside " + realRoot);
        }
        if (create) {
            createWithoutFollowingLinks(parent);
        }
        Path real = realRoot.resolve(parent).toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new FileStoreException("unsafe path " + RelativePaths.quote(parent) + ": leads outside " + realRoot);
        }
        return real;
    }

    private void createWithoutFollowingLinks(String parent) throws IOException {
        Path current = realRoot;
        for (String segment : parent.split("/")) {
            current = current.resolve(segment);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                try {
                    Files.createDirectory(current);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                }
            }
            if (!attributes.isDirectory()) {
                throw new FileStoreException(current + " exists and is not a folder ("
                        + (attributes.isSymbolicLink() ? "a symbolic link" : "a file") + "); refusing to write through it");
            }
        }
    }
}
