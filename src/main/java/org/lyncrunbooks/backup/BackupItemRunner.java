package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestException;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.filestore.CopyListener;
import org.lyncrunbooks.filestore.CopyReport;
import org.lyncrunbooks.filestore.EarlierCopy;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.BackupItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes one backup item into a set folder with the tool Microsoft names for it (D2): the Management Shell
 * export cmdlets, a SQL Server full backup ({@code COPY_ONLY} by default, {@code lync.backup.sql.copy-only}), a streamed copy of a file store, or this application's own database.
 * A tool writes to a fresh temporary name, which is renamed to the item's target only when the tool succeeded,
 * so a failed or repeated attempt never leaves a half-written file under the final name.
 *
 * <p>A file store item given the newest verified set hard-links every file unchanged since that set from it (see
 * {@link FileStoreCopier}). When the share cannot hard-link, the first item of a run that finds out copies in full and
 * says why, and the run's later items copy in full without trying again.
 */
@Component
class BackupItemRunner {

    private static final Logger log = LoggerFactory.getLogger(BackupItemRunner.class);
    /** Runs whose share was found unable to hard-link; a node works on one run at a time, rarely two. */
    private static final int REMEMBERED_RUNS = 8;

    private final Map<Path, String> cannotLink = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, String> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };
    private final LyncShell shell;
    private final SqlServerClient sqlServer;
    private final FileStoreCopier copier;
    private final OrchestratorDatabaseBackup orchestrator;
    private final SqlBackupProperties sql;

    BackupItemRunner(LyncShell shell, SqlServerClient sqlServer, FileStoreCopier copier,
                     OrchestratorDatabaseBackup orchestrator, SqlBackupProperties sql) {
        this.shell = shell;
        this.sqlServer = sqlServer;
        this.copier = copier;
        this.orchestrator = orchestrator;
        this.sql = sql;
    }

    /**
     * Where an item writes: the set folder here, and the same folder as the Windows servers see it; and the newest
     * verified set, whose unchanged file store files the item hard-links instead of copying (null: copy everything).
     */
    record Target(Path setDirectory, ServerPath serverPath, Path earlierSet) {

        Target(Path setDirectory, ServerPath serverPath) {
            this(setDirectory, serverPath, null);
        }
    }

    /**
     * What an item did besides writing its files: {@code note} is added to the manifest's tool (files hard-linked from
     * an earlier set, or why none could be); {@code linkedBy} is a time on the share's own clock read after the item's
     * last hard link, null when it made none.
     */
    record Result(String note, Instant linkedBy) {

        static final Result PLAIN = new Result(null, null);
    }

    Result run(BackupItem item, Target target, RunWorkspace.FileLog files) {
        if (item instanceof BackupItem.CsConfiguration c) {
            export(c, target, files, Cmdlet.of("Export-CsConfiguration"));
        } else if (item instanceof BackupItem.CsLisConfiguration c) {
            export(c, target, files, Cmdlet.of("Export-CsLisConfiguration"));
        } else if (item instanceof BackupItem.CsUserData c) {
            export(c, target, files, Cmdlet.of("Export-CsUserData").with("PoolFqdn", c.poolFqdn()));
        } else if (item instanceof BackupItem.CsRgsConfiguration c) {
            export(c, target, files, Cmdlet.of("Export-CsRgsConfiguration").with("Source", "ApplicationServer:" + c.poolFqdn()));
        } else if (item instanceof BackupItem.CsPersistentChatData c) {
            export(c, target, files, Cmdlet.of("Export-CsPersistentChatData").with("DBInstance", c.store().display()));
        } else if (item instanceof BackupItem.SqlServerDatabase s) {
            produce(s, target, files, serverFile -> sqlServer.backupDatabase(s.store(), s.database(), serverFile,
                    sql.copyOnly()));
        } else if (item instanceof BackupItem.FileStoreTree f) {
            return copyFileStore(f, target, files);
        } else if (item instanceof BackupItem.OrchestratorDatabase o) {
            orchestrator(o, target, files);
        } else {
            throw new IllegalArgumentException("unknown backup item " + item);
        }
        return Result.PLAIN;
    }

    private void export(BackupItem item, Target target, RunWorkspace.FileLog files, Cmdlet cmdlet) {
        produce(item, target, files, serverFile -> shell.run(cmdlet.with("FileName", serverFile)));
    }

    /** Lets a tool write the item's one file under a temporary name, then renames and hashes it. */
    private void produce(BackupItem item, Target target, RunWorkspace.FileLog files, ToolCall tool) {
        Path file = target.setDirectory().resolve(item.target());
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tmpName = "." + name.substring(0, dot) + ".attempt-" + UUID.randomUUID().toString().substring(0, 8)
                + name.substring(dot);
        Path tmp = file.resolveSibling(tmpName);
        try {
            Files.createDirectories(file.getParent());
            deleteAttempts(file);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + file.getParent() + ": " + e.getMessage(), e);
        }
        String relativeTmp = item.target().substring(0, item.target().length() - name.length()) + tmpName;
        tool.call(target.serverPath().resolve(relativeTmp));
        if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(item.tool() + " reported success but did not write " + tmp);
        }
        AtomicFiles.rename(tmp, file);
        record(files, item.target(), file);
    }

    private Result copyFileStore(BackupItem.FileStoreTree store, Target target, RunWorkspace.FileLog files) {
        Path dir = target.setDirectory().resolve(store.target());
        AtomicFiles.deleteTree(dir);
        String prefix = store.target() + "/";
        String knownFailure = target.earlierSet() == null ? null : knownLinkFailure(target.setDirectory());
        EarlierCopy earlier = target.earlierSet() == null || knownFailure != null ? null
                : earlierCopy(target.earlierSet(), store);
        CopyReport report = copier.copyTree(Path.of(store.mountPath()), dir, new CopyListener() {
            @Override
            public void copied(String relativePath, long size, String sha256) {
                files.file(new Manifest.File(prefix + relativePath, size, sha256));
            }

            @Override
            public void linked(String relativePath, long size, String sha256, String earlierSet) {
                files.file(new Manifest.File(prefix + relativePath, size, sha256, earlierSet));
            }

            @Override
            public void skipped(String relativePath, String reason) {
                files.skipped(new Manifest.Skipped(prefix + relativePath, reason));
            }
        }, earlier);
        if (knownFailure != null) {
            return new Result("full copy: the backup share cannot hard-link (" + knownFailure + ")", null);
        }
        if (report.linkFailure() != null) {
            rememberLinkFailure(target.setDirectory(), report.linkFailure());
        }
        Instant linkedBy = report.filesLinked() > 0 ? shareClock(target.setDirectory()) : null;
        if (report.linkFailure() != null) {
            return new Result("full copy: the backup share cannot hard-link from set " + earlier.label() + " ("
                    + report.linkFailure() + ")" + (report.filesLinked() > 0 ? "; " + report.filesLinked()
                    + " files were linked before that" : ""), linkedBy);
        }
        if (earlier != null) {
            return new Result(report.filesLinked() + " unchanged files hard-linked from set " + earlier.label() + ", "
                    + report.filesCopied() + " copied", linkedBy);
        }
        return Result.PLAIN;
    }

    /**
     * The files the earlier set's manifest lists for this store, or null (with the reason logged) when the earlier set
     * has no such item or its manifest cannot be read: then the store is copied in full.
     */
    private static EarlierCopy earlierCopy(Path earlierSet, BackupItem.FileStoreTree store) {
        String label = earlierSet.getFileName().toString();
        EarlierCopy earlier = new EarlierCopy(earlierSet.resolve(store.target()), label);
        String prefix = store.target() + "/";
        boolean[] found = new boolean[1];
        try {
            ManifestReader.read(earlierSet.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
                @Override
                public void file(String itemId, Manifest.File file) {
                    if (itemId.equals(store.itemId()) && file.path().startsWith(prefix)) {
                        earlier.add(file.path().substring(prefix.length()), file.size(), file.sha256());
                    }
                }

                @Override
                public void item(Manifest.Item item) {
                    found[0] |= item.itemId().equals(store.itemId());
                }
            });
        } catch (ManifestException e) {
            log.warn("Not reusing files of {} from set {}: {}", store.itemId(), label, e.getMessage());
            return null;
        }
        return found[0] ? earlier : null;
    }

    /** A time on the share's own clock (a probe file's modification time), to compare change times against. */
    private static Instant shareClock(Path setDirectory) {
        Path probe = setDirectory.resolve(RunWorkspace.FOLDER).resolve(".clock-" + UUID.randomUUID());
        try {
            Files.write(probe, new byte[0]);
            return Files.getLastModifiedTime(probe, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + probe + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                log.debug("Cannot remove {}", probe, e);
            }
        }
    }

    private String knownLinkFailure(Path setDirectory) {
        synchronized (cannotLink) {
            return cannotLink.get(setDirectory);
        }
    }

    private void rememberLinkFailure(Path setDirectory, String reason) {
        synchronized (cannotLink) {
            cannotLink.putIfAbsent(setDirectory, reason);
        }
    }

    private void orchestrator(BackupItem.OrchestratorDatabase item, Target target, RunWorkspace.FileLog files) {
        Path dir = target.setDirectory().resolve(item.target());
        AtomicFiles.deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path written = orchestrator.backup(dir, target.serverPath().resolve(item.target()));
        record(files, item.target() + "/" + written.getFileName(), written);
    }

    private static void record(RunWorkspace.FileLog files, String relativePath, Path file) {
        try {
            files.file(new Manifest.File(relativePath, Files.size(file), Sha256.hashFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the files of earlier attempts at the same target: an attempt's file ({@code .name.attempt-…}) and a
     * tool's own temporary copy of it ({@code ..name.attempt-….partial}, as tools that write atomically leave when
     * they are killed — the node died mid-item). Left behind, they would be files the manifest does not list, and the
     * set would not verify.
     */
    static void deleteAttempts(Path file) throws IOException {
        String name = file.getFileName().toString();
        String stem = "." + name.substring(0, name.lastIndexOf('.')) + ".attempt-";
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.getParent(), p -> p.getFileName().toString().startsWith(stem)
                || p.getFileName().toString().startsWith("." + stem))) {
            for (Path leftover : dir) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    @FunctionalInterface
    private interface ToolCall {
        void call(String serverFile);
    }
}
