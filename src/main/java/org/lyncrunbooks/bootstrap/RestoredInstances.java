package org.lyncrunbooks.bootstrap;

import java.util.List;
import java.util.Map;

/** The process instances a bootstrap holds for review, as the engine has them. */
interface RestoredInstances {

    /** A held root instance: what a reviewer needs to know about it. */
    record Held(String id, String processKey, String processName, String businessKey, String state) {
    }

    /** Held root instances that have no review running yet. */
    List<Held> heldWithoutReview();

    /** Starts a review with {@code variables}, under the held instance's own business key (its server, pool or set). */
    void startReview(Map<String, Object> variables, String businessKey);

    /** Activates the held instance and every instance it called, where they stood. */
    void resume(String instanceId);

    /** Ends the held instance and every instance it called; its history stays, with the reason. */
    void cancel(String instanceId, String reason);

    /** Whether this engine database already had its reviews started after a bootstrap from {@code setId}. */
    boolean reviewsStarted(String setId);

    void markReviewsStarted(String setId);
}
