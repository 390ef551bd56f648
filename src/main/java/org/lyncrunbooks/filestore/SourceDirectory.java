package org.lyncrunbooks.filestore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Set;

/**
 * One open folder of a tree being copied, read without following links. Where the platform offers a
 * {@link SecureDirectoryStream} (Linux), every look-up and open is relative to the open folder, so a folder
 * swapped for a link while the walk runs still cannot lead it outside the tree; elsewhere the same operations
 * go by path, refusing links at the last component.
 */
abstract class SourceDirectory implements Closeable {

    private static final Set<OpenOption> READ_NO_LINKS = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    static SourceDirectory open(Path folder) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(folder);
        return stream instanceof SecureDirectoryStream<Path> secure ? new Secure(secure) : new ByPath(folder, stream);
    }

    /** The entries, each a path whose file name is the entry's name; may throw {@code DirectoryIteratorException}. */
    abstract Iterator<Path> entries();

    /** The entry's own attributes: a link is reported as a link. */
    abstract BasicFileAttributes attributes(Path name) throws IOException;

    /** Opens a sub-folder; fails if it has become a link. */
    abstract SourceDirectory folder(Path name) throws IOException;

    /** Opens a file for reading; fails if it has become a link. */
    abstract SeekableByteChannel file(Path name) throws IOException;

    private static final class Secure extends SourceDirectory {

        private final SecureDirectoryStream<Path> stream;

        Secure(SecureDirectoryStream<Path> stream) {
            this.stream = stream;
        }

        @Override
        Iterator<Path> entries() {
            return stream.iterator();
        }

        @Override
        BasicFileAttributes attributes(Path name) throws IOException {
            return stream.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }

        @Override
        SourceDirectory folder(Path name) throws IOException {
            return new Secure(stream.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        SeekableByteChannel file(Path name) throws IOException {
            return stream.newByteChannel(name, READ_NO_LINKS);
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }

    static final class ByPath extends SourceDirectory {

        private final Path folder;
        private final DirectoryStream<Path> stream;

        ByPath(Path folder, DirectoryStream<Path> stream) {
            this.folder = folder;
            this.stream = stream;
        }

        @Override
        Iterator<Path> entries() {
            return stream.iterator();
        }

        @Override
        BasicFileAttributes attributes(Path name) throws IOException {
            return Files.readAttributes(folder.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        SourceDirectory folder(Path name) throws IOException {
            Path sub = folder.resolve(name);
            if (Files.isSymbolicLink(sub)) {
                throw new IOException(sub + " became a symbolic link during the walk");
            }
            return new ByPath(sub, Files.newDirectoryStream(sub));
        }

        @Override
        SeekableByteChannel file(Path name) throws IOException {
            return FileChannel.open(folder.resolve(name), READ_NO_LINKS);
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
