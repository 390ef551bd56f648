package org.lyncrunbooks.backupset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupShareTest {

    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

    @TempDir
    Path root;

    @Test
    void reservesANewIdWhenTheSecondIsTaken() {
        BackupShare share = new BackupShare(root);

        SetId first = share.createPartial(T0);
        SetId second = share.createPartial(T0);

        assertThat(first).hasToString("20261101T020000Z");
        assertThat(second).hasToString("20261101T020000Z-2");
        assertThat(root.resolve("20261101T020000Z.partial")).isDirectory();
        assertThat(root.resolve("20261101T020000Z-2.partial")).isDirectory();
    }

    @Test
    void publishesByRenamingThenMovingCurrent() throws Exception {
        BackupShare share = new BackupShare(root);
        SetId id = share.createPartial(T0);
        Files.writeString(share.partialDirectory(id).resolve("manifest.json"), "{}");

        assertThat(share.publish(id)).isTrue();

        assertThat(root.resolve("20261101T020000Z/manifest.json")).exists();
        assertThat(root.resolve("20261101T020000Z.partial")).doesNotExist();
        assertThat(root.resolve("CURRENT")).hasContent("20261101T020000Z");
        assertThat(share.current()).contains(id);
        try (var entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("CURRENT", "20261101T020000Z");
        }
    }

    @Test
    void finishesAPublicationInterruptedAfterTheRename() throws Exception {
        BackupShare share = new BackupShare(root);
        SetId old = share.createPartial(T0);
        share.publish(old);
        SetId id = share.createPartial(T0.plusSeconds(86400));
        // the crash: renamed, CURRENT not yet moved
        Files.move(share.partialDirectory(id), share.publishedDirectory(id));
        assertThat(share.current()).contains(old);

        share.publish(id);

        assertThat(share.current()).contains(id);
    }

    @Test
    void neverMovesCurrentBackToAnOlderSet() {
        BackupShare share = new BackupShare(root);
        SetId older = share.createPartial(T0);
        SetId newer = share.createPartial(T0.plusSeconds(60));
        share.publish(newer);

        assertThat(share.publish(older)).isFalse();

        assertThat(share.current()).contains(newer);
        assertThat(share.publishedDirectory(older)).isDirectory();
    }

    @Test
    void neverPublishesAnAbandonedSet() {
        BackupShare share = new BackupShare(root);
        SetId id = share.createPartial(T0);
        share.markAbandoned(id, "operator gave up");

        assertThatThrownBy(() -> share.publish(id)).hasMessageContaining("abandoned");
        assertThat(share.current()).isEmpty();
        assertThat(share.list()).extracting(BackupSetEntry::status).containsExactly(BackupSetEntry.Status.ABANDONED);
    }

    @Test
    void retentionKeepsTheNewestSetsAndCurrentAndActiveRuns() throws Exception {
        BackupShare share = new BackupShare(root);
        SetId[] ids = new SetId[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = share.createPartial(T0.plus(Duration.ofDays(i)));
            share.publish(ids[i]);
        }
        SetId running = share.createPartial(T0.plus(Duration.ofDays(6)));
        SetId leftover = share.createPartial(T0.plus(Duration.ofDays(7)));
        Files.setLastModifiedTime(share.partialDirectory(leftover), FileTime.from(T0));
        SetId abandoned = share.createPartial(T0.plus(Duration.ofDays(8)));
        share.markAbandoned(abandoned, "gave up");

        RetentionReport report = share.applyRetention(new RetentionPolicy(2, Duration.ofDays(30), Duration.ofHours(1)),
                Set.of(running.toString()), T0.plus(Duration.ofDays(9)));

        assertThat(report.deleted()).containsExactlyInAnyOrder(ids[0].toString(), ids[1].toString(), ids[2].toString(),
                leftover + ".partial", abandoned + ".partial");
        try (var entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("CURRENT",
                    ids[3].toString(), ids[4].toString(), running + ".partial");
        }
    }

    @Test
    void retentionByAgeNeverRemovesTheCurrentSet() {
        BackupShare share = new BackupShare(root);
        SetId only = share.createPartial(T0);
        share.publish(only);

        RetentionReport report = share.applyRetention(new RetentionPolicy(14, Duration.ofDays(30), Duration.ofHours(1)),
                Set.of(), T0.plus(Duration.ofDays(400)));

        assertThat(report.deleted()).isEmpty();
        assertThat(share.publishedDirectory(only)).isDirectory();
    }

    @Test
    void retentionDoesNotFollowLinksOutOfTheRoot(@TempDir Path outside) throws Exception {
        BackupShare share = new BackupShare(root);
        Files.writeString(outside.resolve("precious.txt"), "keep me");
        SetId old = share.createPartial(T0);
        Files.createSymbolicLink(share.partialDirectory(old).resolve("link"), outside);
        share.publish(old);
        Files.createSymbolicLink(root.resolve("20261002T020000Z"), outside);
        SetId current = share.createPartial(T0.plus(Duration.ofDays(1)));
        share.publish(current);

        share.applyRetention(new RetentionPolicy(1, Duration.ofDays(30), Duration.ofHours(1)), Set.of(), T0.plus(Duration.ofDays(2)));

        assertThat(share.publishedDirectory(old)).doesNotExist();
        assertThat(outside.resolve("precious.txt")).hasContent("keep me");
        assertThat(root.resolve("20261002T020000Z")).isSymbolicLink();
    }

    @Test
    void ignoresACurrentPointerThatIsNotASetId() throws Exception {
        Files.writeString(root.resolve("CURRENT"), "../../etc\n");

        assertThat(new BackupShare(root).current()).isEmpty();
    }

    @Test
    void refusesAnUnwritableRootBeforeAnyWork() throws Exception {
        Path file = root.resolve("not-a-directory");
        Files.writeString(file, "x");

        assertThatThrownBy(() -> new BackupShare(file).checkWritable())
                .isInstanceOf(BackupShareUnavailableException.class)
                .hasMessageContaining(file.toString());
    }
}
