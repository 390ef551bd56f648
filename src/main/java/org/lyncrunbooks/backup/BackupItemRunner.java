package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;

import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.filestore.CopyListener;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.BackupItem;
import org.springframework.stereotype.Component;

/**
 * Takes one backup item into a set folder with the tool Microsoft names for it (D2): the Management Shell
 * export cmdlets, a SQL Server full backup ({@code COPY_ONLY} by default, {@code lync.backup.sql.copy-only}), a streamed copy of a file store, or this application's own database (with the topology file and the configuration a new node needs).
 * A tool writes to a fresh temporary name, which is renamed to the item's target only when the tool succeeded,
 * so a failed or repeated attempt never leaves a half-written file under the final name.
 */
@Component
class BackupItemRunner {

    private final LyncShell shell;
    private final SqlServerClient sqlServer;
    private final FileStoreCopier copier;
    private final OrchestratorDatabaseBackup orchestrator;
    private final NodeSnapshot node;
    private final SqlBackupProperties sql;

    BackupItemRunner(LyncShell shell, SqlServerClient sqlServer, FileStoreCopier copier,
                     OrchestratorDatabaseBackup orchestrator, NodeSnapshot node, SqlBackupProperties sql) {
        this.shell = shell;
        this.sqlServer = sqlServer;
        this.copier = copier;
        this.orchestrator = orchestrator;
        this.node = node;
        this.sql = sql;
    }

    /** Where an item writes: the set folder here, and the same folder as the Windows servers see it. */
    record Target(Path setDirectory, ServerPath serverPath) {
    }

    void run(BackupItem item, Target target, RunWorkspace.FileLog files) {
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
            copyFileStore(f, target, files);
        } else if (item instanceof BackupItem.OrchestratorDatabase o) {
            orchestrator(o, target, files);
        } else {
            throw new IllegalArgumentException("unknown backup item " + item);
        }
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

    private void copyFileStore(BackupItem.FileStoreTree store, Target target, RunWorkspace.FileLog files) {
        Path dir = target.setDirectory().resolve(store.target());
        AtomicFiles.deleteTree(dir);
        String prefix = store.target() + "/";
        copier.copyTree(Path.of(store.mountPath()), dir, new CopyListener() {
            @Override
            public void copied(String relativePath, long size, String sha256) {
                files.file(new Manifest.File(prefix + relativePath, size, sha256));
            }

            @Override
            public void skipped(String relativePath, String reason) {
                files.skipped(new Manifest.Skipped(prefix + relativePath, reason));
            }
        });
    }

    private void orchestrator(BackupItem.OrchestratorDatabase item, Target target, RunWorkspace.FileLog files) {
        Path dir = target.setDirectory().resolve(item.target());
        AtomicFiles.deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        for (Path written : orchestrator.backup(dir, target.serverPath().resolve(item.target()))) {
            record(files, item.target() + "/" + written.getFileName(), written);
        }
        for (Path file : node.write(dir, target.setDirectory().getFileName().toString().replace(".partial", ""))) {
            record(files, item.target() + "/" + file.getFileName(), file);
        }
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
