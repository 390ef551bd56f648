package org.lyncrunbooks.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.topology.BackupItem;
import org.lyncrunbooks.topology.BackupPlan;

class RunPlansTest {

    @TempDir
    Path share;

    @Test
    void readsARunsPlanOnceForAllItsItems() {
        RunWorkspace run = workspace("20261126T020000Z", 3);
        RunPlans plans = new RunPlans(4);

        RunWorkspace.StoredPlan first = plans.plan(run);

        assertThat(first.items()).hasSize(3);
        assertThat(plans.plan(run)).as("the parsed plan, not a new read").isSameAs(first);
        assertThat(plans.plan(new RunWorkspace(run.setDirectory()))).as("another workspace of the same set").isSameAs(first);
    }

    @Test
    void readsAPlanAgainWhenItsFileWasWrittenAnew() {
        RunWorkspace run = workspace("20261126T020000Z", 3);
        RunPlans plans = new RunPlans(4);
        RunWorkspace.StoredPlan first = plans.plan(run);

        // a set id used again after its folder was removed: the same path, another plan
        AtomicFiles.deleteTree(run.setDirectory());
        RunWorkspace again = workspace("20261126T020000Z", 5);

        assertThat(plans.plan(again)).isNotSameAs(first).extracting(p -> p.items().size()).isEqualTo(5);
    }

    @Test
    void keepsOnlyTheNewestPlans() {
        RunPlans plans = new RunPlans(2);
        RunWorkspace oldest = workspace("20261124T020000Z", 1);
        RunWorkspace.StoredPlan oldestPlan = plans.plan(oldest);
        RunWorkspace.StoredPlan middlePlan = plans.plan(workspace("20261125T020000Z", 1));
        plans.plan(workspace("20261126T020000Z", 1));

        assertThat(plans.plan(oldest)).as("evicted, read again").isNotSameAs(oldestPlan).isEqualTo(oldestPlan);
        assertThat(middlePlan.items()).hasSize(1);
    }

    @Test
    void aPlanThatIsGoneFailsWithTheReasonAsBefore() {
        RunWorkspace run = workspace("20261126T020000Z", 2);
        RunPlans plans = new RunPlans(4);
        plans.plan(run);

        AtomicFiles.deleteTree(run.setDirectory());

        assertThatThrownBy(() -> plans.plan(run)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read the run plan");
    }

    private RunWorkspace workspace(String setId, int items) {
        RunWorkspace workspace = new RunWorkspace(share.resolve(setId + ".partial"));
        List<BackupItem> planned = IntStream.range(0, items)
                .<BackupItem>mapToObj(i -> new BackupItem.FileStoreTree("fs" + i, "\\\\fs" + i + "\\share", "/mnt/fs" + i))
                .toList();
        workspace.create(new RunWorkspace.StoredPlan(setId, Instant.parse("2026-11-26T02:00:00Z"), "sha",
                planned, List.of(new BackupPlan.Exclusion("rtcdyn", "be01\\rtc", "transient"))));
        return workspace;
    }
}
