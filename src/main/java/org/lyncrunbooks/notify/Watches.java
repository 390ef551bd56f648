package org.lyncrunbooks.notify;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the watches every {@code lync.notify.health-check-interval} on a thread of its own, from the moment the
 * application is ready: the backup health's transitions and the slow runs. Every node runs them; the claims in the
 * notification log keep each mail to one.
 */
@Component
class Watches {

    private static final Logger LOG = LoggerFactory.getLogger(Watches.class);

    private final BackupHealthWatch health;
    private final SlowRunWatch slowRuns;
    private final NotifyProperties properties;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lync-notify-watches");
        thread.setDaemon(true);
        return thread;
    });

    Watches(BackupHealthWatch health, SlowRunWatch slowRuns, NotifyProperties properties) {
        this.health = health;
        this.slowRuns = slowRuns;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.healthCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkAll() {
        try {
            health.check();
        } catch (RuntimeException e) {
            LOG.warn("the backup health could not be watched: {}", e.toString());
        }
        try {
            slowRuns.check();
        } catch (RuntimeException e) {
            LOG.warn("the runs in progress could not be watched: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
