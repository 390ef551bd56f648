package org.lyncrunbooks.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Offers each process instance a bootstrap held ({@link HoldRestoredInstancesPlugin}) to lync-administrators as a
 * task of {@code lync-bootstrap-review}, once the processes are deployed, and applies their decision.
 */
@Service
class RestoredInstanceReviews {

    private static final Logger log = LoggerFactory.getLogger(RestoredInstanceReviews.class);

    private final RestoredInstances instances;
    private final BootstrapProperties properties;

    RestoredInstanceReviews(RestoredInstances instances, BootstrapProperties properties) {
        this.instances = instances;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startReviews() {
        String setId = properties.restoredSet();
        if (setId == null || setId.isBlank() || instances.reviewsStarted(setId)) {
            return;
        }
        int started = 0;
        for (RestoredInstances.Held held : instances.heldWithoutReview()) {
            instances.startReview(BootstrapVariables.start(held, setId), held.businessKey());
            started++;
        }
        instances.markReviewsStarted(setId);
        log.info("Bootstrap from set {}: {} restored process instances offered to lync-administrators to continue or "
                + "cancel", setId, started);
    }

    /** Continues or cancels the held instance, as the administrator decided. */
    void apply(String instanceId, String decision, String reason) {
        if (BootstrapProcess.DECISION_CONTINUE.equals(decision)) {
            instances.resume(instanceId);
            log.info("Restored process instance {} continued: {}", instanceId, reason);
        } else if (BootstrapProcess.DECISION_CANCEL.equals(decision)) {
            instances.cancel(instanceId, "cancelled after a bootstrap from the backup share: " + reason);
            log.info("Restored process instance {} cancelled: {}", instanceId, reason);
        } else {
            throw new IllegalArgumentException("unknown review decision '" + decision + "'");
        }
    }
}
