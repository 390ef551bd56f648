package org.lyncrunbooks.failover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health component {@code poolPairs} ({@code /actuator/health/poolPairs}): one component per pool pair of the
 * topology, DOWN when a direction of its Backup Service has not been steady for longer than
 * {@code lync.failover.health.unsteady-intervals} × {@code SyncInterval}, or cannot be read; the details give each
 * direction's state and its last copy (its last steady time). Without pairs it is UP and says so.
 */
@Configuration(proxyBeanMethods = false)
class PoolPairsHealth {

    @Bean
    HealthContributor poolPairs(FailoverService service, FailoverHealthProperties properties) {
        List<List<String>> pairs = service.pairs();
        if (pairs.isEmpty()) {
            return new AbstractHealthIndicator() {
                @Override
                protected void doHealthCheck(Health.Builder builder) {
                    builder.up().withDetail("pairs", "none: no pool of the topology has a backupPool");
                }
            };
        }
        Map<String, HealthContributor> byPair = new LinkedHashMap<>();
        for (List<String> pair : pairs) {
            byPair.put(pair.get(0) + "+" + pair.get(1), new PairIndicator(service, pair.get(0), pair.get(1),
                    properties.unsteadyIntervals()));
        }
        return CompositeHealthContributor.fromMap(byPair);
    }

    /** One pool pair. */
    static final class PairIndicator extends AbstractHealthIndicator {

        private final FailoverService service;
        private final String pool;
        private final String partner;
        private final int unsteadyIntervals;

        PairIndicator(FailoverService service, String pool, String partner, int unsteadyIntervals) {
            super("the Backup Service status of " + pool + " and " + partner + " could not be read");
            this.service = service;
            this.pool = pool;
            this.partner = partner;
            this.unsteadyIntervals = unsteadyIntervals;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            boolean up = true;
            for (FailoverService.Direction d : service.pairHealth(pool, partner, unsteadyIntervals)) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("status", d.status());
                detail.put("lastSteadyAt", d.lastSteadyAt() == null ? "never" : d.lastSteadyAt().toString());
                if (d.problem() != null) {
                    detail.put("problem", d.problem());
                }
                builder.withDetail(d.from() + " -> " + d.to(), detail);
                up &= d.healthy();
            }
            if (up) {
                builder.up();
            } else {
                builder.down();
            }
        }
    }
}
