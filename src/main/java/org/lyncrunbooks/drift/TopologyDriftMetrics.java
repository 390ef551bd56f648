package org.lyncrunbooks.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code lync_topology_unprotected_items}: the pools, SQL stores, databases and file stores the farm has and the
 * topology file lacks, as the last check on this node found them (0 before the first check, and when the farm could
 * not be read).
 */
@Component
class TopologyDriftMetrics implements MeterBinder {

    static final String UNPROTECTED_ITEMS = "lync_topology_unprotected_items";

    private final TopologyDriftService service;

    TopologyDriftMetrics(TopologyDriftService service) {
        this.service = service;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(UNPROTECTED_ITEMS, service, s -> s.last().map(r -> r.unprotected().size()).orElse(0))
                .description("Items of the farm's published topology that the topology file lacks, so nothing backs them up")
                .register(registry);
    }
}
