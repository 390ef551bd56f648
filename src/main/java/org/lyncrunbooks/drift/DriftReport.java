package org.lyncrunbooks.drift;

import java.time.Instant;
import java.util.List;

/**
 * What one check of the farm's topology found.
 *
 * @param checkedAt   when it ran
 * @param trigger     what asked for it ("backup run 20261207T020000Z", "on demand by alice")
 * @param differences the differences (empty: the file describes the farm), or empty when the farm could not be read
 * @param yamlToAdd   the YAML to add to the topology file for what the farm has and the file lacks
 * @param error       why the farm's topology could not be read; null when it was
 */
public record DriftReport(Instant checkedAt, String trigger, List<TopologyDifference> differences, String yamlToAdd,
                          String error) {

    public DriftReport {
        differences = List.copyOf(differences);
    }

    /** The items the farm has and the topology file lacks: nothing backs them up. */
    public List<TopologyDifference> unprotected() {
        return differences.stream().filter(d -> d.change() == TopologyDifference.Change.ADDED).toList();
    }

    public boolean farmRead() {
        return error == null;
    }

    /** One line for a run's log. */
    public String summary() {
        if (error != null) {
            return "the farm's topology could not be read: " + error;
        }
        if (differences.isEmpty()) {
            return "the topology file describes the farm";
        }
        return differences.size() + " difference(s) between the farm and the topology file, " + unprotected().size()
                + " not backed up: " + TopologyComparison.subject(differences);
    }
}
