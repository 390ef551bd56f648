package org.lyncrunbooks.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans of the runs this node works on, parsed once instead of once per item: a run's plan has every item of the
 * run, so reading it for each item made each item cost time in proportion to the size of the run. A plan is written
 * once, when its run starts, and never changed; an entry is still only used while the file has the same
 * modification time, size and file key, so a plan written anew under the same path (a set id used again after its
 * folder was removed) is read again. The cache is per node and bounded: a miss just reads the file, as every node
 * did before.
 */
final class RunPlans {

    private final int capacity;
    private final Map<Path, Entry> plans;

    RunPlans(int capacity) {
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(capacity * 2, 0.75f, true);
    }

    /** The workspace's plan, from the cache when its file has not changed since it was read. */
    RunWorkspace.StoredPlan plan(RunWorkspace workspace) {
        Path file = workspace.planFile();
        Stamp stamp = Stamp.of(file);
        if (stamp != null) {
            synchronized (plans) {
                Entry cached = plans.get(file);
                if (cached != null && cached.stamp().equals(stamp)) {
                    return cached.plan();
                }
            }
        }
        RunWorkspace.StoredPlan read = workspace.plan();
        RunWorkspace.StoredPlan plan = new RunWorkspace.StoredPlan(read.setId(), read.startedAt(), read.topologySha256(),
                List.copyOf(read.items()), read.excluded() == null ? List.of() : List.copyOf(read.excluded()));
        if (stamp != null && stamp.equals(Stamp.of(file))) {
            synchronized (plans) {
                plans.put(file, new Entry(stamp, plan));
                while (plans.size() > capacity) {
                    plans.remove(plans.keySet().iterator().next());
                }
            }
        }
        return plan;
    }

    private record Entry(Stamp stamp, RunWorkspace.StoredPlan plan) {
    }

    /** What tells one version of a file from another without reading it. */
    private record Stamp(FileTime modified, long size, Object fileKey) {

        /** The file's stamp, or null when it cannot be read (the plan is then read, and fails with the reason). */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
            } catch (IOException e) {
                return null;
            }
        }
    }
}
