package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.Manifest;
import org.lyncrunbooks.backupset.ManifestReader;
import org.lyncrunbooks.backupset.PassedVerification;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;
import org.lyncrunbooks.filestore.FileStoreCopier;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.recovery.FileStoreRestoreStep;
import org.lyncrunbooks.testsupport.Prerequisites;
import org.lyncrunbooks.topology.BackupItem;

/**
 * Incremental file store sets through the backup cycle's own steps (prepare, item, manifest, verify, publish,
 * retention) on real files: what the second night links and records, when the verification re-hashes everything,
 * that retention never takes a file a newer set uses, that a file changed in place in an older set is caught, and what
 * a share that cannot hard-link does.
 */
class IncrementalBackupSetsTest {

    private static final int FILES = 40;

    @TempDir
    Path dir;

    private final NightClock clock = new NightClock();
    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts) {
            run("umount", mount.toString());
        }
    }

    @Test
    void theSecondNightHardLinksUnchangedFilesRecordsTheSetTheyCameFromAndVerifiesThemByIdentity() throws IOException {
        Path store = store("fs01");
        Nights nights = new Nights(14, true, 7, store);
        String first = nights.run();
        Files.writeString(store.resolve("folder-1/file-01.dat"), "rewritten tonight", StandardCharsets.UTF_8);
        Files.writeString(store.resolve("folder-2/new.dat"), "new tonight", StandardCharsets.UTF_8);

        String second = nights.run();

        Map<String, Manifest.File> files = files(nights.root.resolve(second));
        assertThat(files).hasSize(FILES + 1);
        assertThat(files.values()).filteredOn(f -> f.reusedFrom() != null).hasSize(FILES - 1)
                .allSatisfy(f -> assertThat(f.reusedFrom()).isEqualTo(first));
        assertThat(files.get("filestore/fs01/folder-1/file-01.dat").reusedFrom()).isNull();
        assertThat(files.get("filestore/fs01/folder-1/file-01.dat").sha256())
                .isEqualTo(Sha256.hashFile(store.resolve("folder-1/file-01.dat")));
        assertThat(files.get("filestore/fs01/folder-2/new.dat").reusedFrom()).isNull();
        assertThat(Files.isSameFile(nights.root.resolve(second).resolve("filestore/fs01/folder-0/file-00.dat"),
                nights.root.resolve(first).resolve("filestore/fs01/folder-0/file-00.dat"))).isTrue();
        assertThat(tool(nights.root.resolve(second), "filestore:fs01")).contains("39 unchanged files hard-linked from set "
                + first + ", 2 copied");
        PassedVerification verified = nights.share.passedVerification(SetId.parse(second).orElseThrow()).orElseThrow();
        assertThat(verified.fullPass()).isFalse();
        assertThat(verified.filesByIdentity()).isEqualTo(FILES - 1);
        assertThat(verified.bytesRehashed()).isEqualTo("rewritten tonight".length() + "new tonight".length());
        assertThat(nights.share.passedVerification(SetId.parse(first).orElseThrow()).orElseThrow().fullPass()).isTrue();
        assertThat(new SetVerifier(2).verify(nights.root.resolve(second), Set.of()).ok())
                .as("a full re-hash, as a recovery does, agrees").isTrue();
    }

    @Test
    void everyFullEveryRunsTheVerificationReHashesEveryFile() throws IOException {
        Nights nights = new Nights(14, true, 3, store("fs01"));
        List<Boolean> fullPasses = new ArrayList<>();
        List<Integer> runsSinceFullPass = new ArrayList<>();
        for (int night = 1; night <= 7; night++) {
            PassedVerification record = nights.share.passedVerification(SetId.parse(nights.run()).orElseThrow()).orElseThrow();
            fullPasses.add(record.fullPass());
            runsSinceFullPass.add(record.runsSinceFullPass());
        }

        assertThat(fullPasses).containsExactly(true, false, false, true, false, false, true);
        assertThat(runsSinceFullPass).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void retentionRemovingTheOlderSetLeavesEveryFileOfTheNewerSetInPlace() throws IOException {
        Path store = store("fs01");
        Nights nights = new Nights(1, true, 7, store);
        String first = nights.run();
        Path shared = nights.root.resolve(first).resolve("filestore/fs01/folder-0/file-00.dat");
        assertThat(Files.getAttribute(shared, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1);

        String second = nights.run();

        assertThat(nights.root.resolve(first)).as("retention kept one set").doesNotExist();
        Path set = nights.root.resolve(second);
        Path file = set.resolve("filestore/fs01/folder-0/file-00.dat");
        assertThat(files(set).get("filestore/fs01/folder-0/file-00.dat").reusedFrom()).isEqualTo(first);
        assertThat(Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).as("its only name now").isEqualTo(1);
        VerificationReport full = new SetVerifier(2).verify(set, Set.of());
        assertThat(full.problems()).isEmpty();
        assertThat(full.fileCount()).isEqualTo(FILES);
        Path restored = dir.resolve("restored");
        FileStoreRestoreStep.restore(new FileStoreRestorer(2), set, nights.item, restored);
        assertThat(digests(restored)).isEqualTo(digests(store));
        assertThat(nights.share.passedVerification(SetId.parse(first).orElseThrow())).as("its record went with it").isEmpty();
    }

    @Test
    void withReuseOffEveryRunCopiesEveryFile() throws IOException {
        Nights nights = new Nights(14, false, 7, store("fs01"));
        String first = nights.run();

        String second = nights.run();

        assertThat(files(nights.root.resolve(second)).values()).allSatisfy(f -> assertThat(f.reusedFrom()).isNull());
        assertThat(Files.isSameFile(nights.root.resolve(second).resolve("filestore/fs01/folder-0/file-00.dat"),
                nights.root.resolve(first).resolve("filestore/fs01/folder-0/file-00.dat"))).isFalse();
        assertThat(tool(nights.root.resolve(second), "filestore:fs01")).doesNotContain("hard-link");
        assertThat(nights.share.passedVerification(SetId.parse(second).orElseThrow()).orElseThrow().fullPass()).isTrue();
    }

    @Test
    void aFileChangedInPlaceInAnOlderSetIsCaughtByTheNextFullPassAndEverySetHoldingItIsMarked() throws IOException {
        Nights nights = new Nights(14, true, 3, store("fs01"));
        String first = nights.run();
        String second = nights.run();
        // changed in place in the oldest set, its time put back: the same inode as in the second set
        Path damaged = nights.root.resolve(first).resolve("filestore/fs01/folder-1/file-05.dat");
        FileTime time = Files.getLastModifiedTime(damaged);
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[0] ^= 1;
        Files.write(damaged, bytes);
        Files.setLastModifiedTime(damaged, time);

        String third = nights.run();
        assertThat(nights.share.passedVerification(SetId.parse(third).orElseThrow()).orElseThrow().fullPass())
                .as("the trade-off: an incremental pass trusts the earlier set's file").isFalse();

        String fourth = nights.runUntilVerification();
        assertThatThrownBy(() -> nights.service.verify(fourth)).isInstanceOf(BackupVerificationException.class)
                .hasMessageContaining("filestore/fs01/folder-1/file-05.dat: checksum mismatch");

        for (String set : List.of(first, second, third)) {
            assertThat(nights.root.resolve(".verification").resolve(set + ".json")).as(set).exists();
        }
        assertThat(nights.share.newestVerifiedSet()).isEmpty();
        // the operator retries: the reset item copies in full from the source, and the set verifies
        nights.service.runItem(fourth, 0, 2);
        nights.service.writeManifest(fourth);
        nights.service.verify(fourth);
        assertThat(files(nights.share.partialDirectory(SetId.parse(fourth).orElseThrow())).values())
                .allSatisfy(f -> assertThat(f.reusedFrom()).isNull());
    }

    @Test
    void aShareThatCannotHardLinkIsDetectedOnceCopiedToInFullAndSaysSoInTheManifest() throws Exception {
        Nights nights = new Nights(14, true, 7, store("fs01"), store("fs02"));
        String first = nights.run();
        // the first set moves to a file system of its own (a tmpfs mounted where it was): no link can cross to it
        Path set = nights.root.resolve(first);
        Path moved = dir.resolve("moved");
        Files.move(set, moved);
        Files.createDirectory(set);
        mount(set);
        run("cp", "-a", moved + "/.", set.toString());

        String second = nights.run();

        Path secondSet = nights.root.resolve(second);
        assertThat(files(secondSet).values()).allSatisfy(f -> assertThat(f.reusedFrom()).isNull());
        assertThat(tool(secondSet, "filestore:fs01")).contains("full copy: the backup share cannot hard-link from set "
                + first + " (FileSystemException: Invalid cross-device link)");
        assertThat(tool(secondSet, "filestore:fs02")).as("the second store did not try again")
                .contains("full copy: the backup share cannot hard-link (FileSystemException: Invalid cross-device link)");
        assertThat(new SetVerifier(2).verify(secondSet, Set.of()).ok()).isTrue();
        assertThat(nights.share.passedVerification(SetId.parse(second).orElseThrow()).orElseThrow().fullPass()).isTrue();
    }

    private void mount(Path at) throws Exception {
        boolean mounted = tryRun("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", at.toString());
        Prerequisites.require(mounted, "mounting a tmpfs (root with CAP_SYS_ADMIN, as CI runs) to put a set on "
                + "another file system than the share");
        mounts.add(at);
    }

    private static void run(String... command) throws Exception {
        if (!tryRun(command)) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static boolean tryRun(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
    }

    /** A store of FILES small files in four folders, with old times. */
    private Path store(String name) throws IOException {
        Path store = dir.resolve("stores").resolve(name);
        Random random = new Random(name.hashCode());
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = new byte[500 + random.nextInt(3000)];
            random.nextBytes(bytes);
            Path file = store.resolve("folder-" + (i % 4)).resolve(String.format("file-%02d.dat", i));
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        return store;
    }

    private static Map<String, Manifest.File> files(Path set) {
        Map<String, Manifest.File> files = new TreeMap<>();
        ManifestReader.read(set.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
            @Override
            public void file(String itemId, Manifest.File file) {
                files.put(file.path(), file);
            }
        });
        return files;
    }

    private static String tool(Path set, String itemId) {
        Map<String, String> tools = new LinkedHashMap<>();
        ManifestReader.read(set.resolve(Manifest.FILE_NAME), new ManifestReader.Visitor() {
            @Override
            public void item(Manifest.Item item) {
                tools.put(item.itemId(), item.tool());
            }
        });
        return tools.get(itemId);
    }

    private static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString(), Sha256.hashFile(file));
            }
        }
        return digests;
    }

    /** The backup cycle's steps for file store items, one run a night. */
    private final class Nights {

        final Path root = dir.resolve("share");
        final BackupShare share = new BackupShare(root);
        final BackupService service;
        final List<BackupItem> items = new ArrayList<>();
        final BackupItem.FileStoreTree item;

        Nights(int keepSets, boolean reuse, int fullEvery, Path... stores) {
            BackupProperties properties = new BackupProperties(root, "", "0 0 2 * * ?",
                    new BackupProperties.Retention(keepSets, Duration.ofDays(30), Duration.ofHours(1)),
                    new BackupProperties.Item(1, Duration.ZERO),
                    new BackupProperties.Worker(false, 1, 4, Duration.ofMinutes(5), Duration.ofSeconds(1)),
                    new BackupProperties.FileStore(reuse), new BackupProperties.Verify(fullEvery));
            BackupItemRunner runner = new BackupItemRunner(null, null, new FileStoreCopier(2), null,
                    SqlBackupProperties.defaults());
            service = new BackupService(share, null, runner, new SetVerifier(2), null, properties, clock,
                    new BackupProgress());
            for (Path store : stores) {
                String name = store.getFileName().toString();
                items.add(new BackupItem.FileStoreTree(name, "\\\\fs.lab.contoso.local\\" + name, store.toString()));
            }
            item = (BackupItem.FileStoreTree) items.get(0);
        }

        /** A whole night: every item, manifest, verification, publication, retention; returns the set id. */
        String run() {
            String id = runUntilVerification();
            service.verify(id);
            service.publish(id);
            service.applyRetention(Set.of());
            return id;
        }

        /** A night up to its manifest; returns the set id. */
        String runUntilVerification() {
            clock.nextNight();
            share.checkWritable();
            SetId id = share.createPartial(clock.instant());
            new RunWorkspace(share.partialDirectory(id)).create(new RunWorkspace.StoredPlan(id.toString(),
                    clock.instant(), "0".repeat(64), items, List.of()));
            for (int i = 0; i < items.size(); i++) {
                service.runItem(id.toString(), i, 1);
            }
            service.writeManifest(id.toString());
            return id.toString();
        }
    }

    /** 02:00 UTC, one night later each run. */
    private static final class NightClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T02:00:00Z");

        void nextNight() {
            now = now.plus(Duration.ofDays(1));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
