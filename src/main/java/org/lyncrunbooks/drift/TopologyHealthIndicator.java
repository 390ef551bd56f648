package org.lyncrunbooks.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The health contributor {@code topology}: DOWN while the farm has pools, SQL stores, databases or file stores that
 * the topology file lacks (nothing backs them up) or the file names what the farm no longer has, with them in the
 * details; UNKNOWN when the last check could not read the farm (the details say why) or none has run yet on this node.
 * It reads the last check (after each backup run, or {@code POST /api/topology/drift-check}); a probe runs no cmdlet.
 */
@Component
class TopologyHealthIndicator extends AbstractHealthIndicator {

    private final TopologyDriftService service;

    TopologyHealthIndicator(TopologyDriftService service) {
        super("the topology health check failed");
        this.service = service;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Optional<DriftReport> last = service.last();
        if (last.isEmpty()) {
            builder.unknown().withDetail("checked", "not yet: the farm's topology is checked after each backup run "
                    + "and on POST /api/topology/drift-check");
            return;
        }
        DriftReport report = last.get();
        builder.withDetail("checkedAt", report.checkedAt().toString()).withDetail("trigger", report.trigger());
        if (!report.farmRead()) {
            builder.unknown().withDetail("error", "the farm's topology could not be read: " + report.error());
            return;
        }
        List<String> unprotected = report.unprotected().stream().map(d -> d.kind() + " " + d.name()).toList();
        List<String> removed = report.differences().stream().filter(d -> d.change() == TopologyDifference.Change.REMOVED)
                .map(d -> d.kind() + " " + d.name()).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unprotectedItems", unprotected);
        details.put("noLongerInFarm", removed);
        builder.withDetails(details);
        if (report.differences().isEmpty()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
