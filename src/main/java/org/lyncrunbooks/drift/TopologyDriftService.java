package org.lyncrunbooks.drift;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Checks the farm's published topology against the topology file this application runs on, and raises one
 * "Topology changed" task for the operators when they differ. A check never fails its caller: a farm that cannot be
 * read is reported (in the report, the log and the {@code topology} health component), not thrown, so a backup run
 * that has published its set ends as it would have.
 */
@Service
public class TopologyDriftService {

    private static final Logger log = LoggerFactory.getLogger(TopologyDriftService.class);

    private final Topology topology;
    private final FarmTopologyReader farm;
    private final DriftTasks tasks;
    private final Clock clock;
    private volatile DriftReport last;

    TopologyDriftService(Topology topology, FarmTopologyReader farm, DriftTasks tasks, Clock clock) {
        this.topology = topology;
        this.farm = farm;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Reads the farm, compares, raises the task when needed; returns what was found. */
    public DriftReport check(String trigger) {
        Topology published;
        try {
            published = farm.read(topology.name());
        } catch (RuntimeException e) {
            DriftReport report = new DriftReport(clock.instant(), trigger, List.of(), "", String.valueOf(e.getMessage()));
            last = report;
            log.warn("Topology check ({}): {}", trigger, report.summary());
            return report;
        }
        List<TopologyDifference> differences = TopologyComparison.compare(topology, published);
        String yaml = TopologyComparison.yamlToAdd(topology, published, differences);
        DriftReport report = new DriftReport(clock.instant(), trigger, differences, yaml, null);
        last = report;
        if (differences.isEmpty()) {
            log.info("Topology check ({}): {}", trigger, report.summary());
            return report;
        }
        log.warn("Topology check ({}): {}", trigger, report.summary());
        try {
            String signature = signature(differences);
            if (!tasks.openWith(signature)) {
                int superseded = tasks.raise(TopologyComparison.subject(differences),
                        differences.stream().map(TopologyDifference::describe).collect(Collectors.joining("\n")),
                        yaml.isEmpty() ? "(nothing to add: remove what the farm no longer has from the topology file)"
                                : yaml, signature);
                if (superseded > 0) {
                    log.info("Topology check ({}): {} older \"Topology changed\" task(s) ended; the new one lists every "
                            + "difference", trigger, superseded);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Topology check ({}): the \"Topology changed\" task could not be raised: {}", trigger, e.getMessage());
        }
        return report;
    }

    /** The last check's report on this node, if one has run since it started. */
    public Optional<DriftReport> last() {
        return Optional.ofNullable(last);
    }

    /**
     * A topology file generated from the farm's published topology, in this application's format, with what the farm
     * cannot tell (file store mount paths) marked to fill in.
     *
     * @throws RuntimeException when the farm's topology cannot be read, with the cmdlet's message
     */
    public String fromFarm() {
        Topology published = farm.read(topology.name());
        return TopologyWriter.write(published, List.of(
                "Generated from the farm's published topology (Get-CsTopology -AsXml) at " + clock.instant() + ".",
                "Fill in every value marked '" + TopologyWriter.FILL_IN + "…>' (where this application reads each",
                "file store), check persistentChatBackup (export or sql) and add backupShare if you want it recorded,",
                "then set lync.topology-file to this file and restart."));
    }

    static String signature(List<TopologyDifference> differences) {
        String keys = differences.stream().map(TopologyDifference::key).sorted().collect(Collectors.joining("\n"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
