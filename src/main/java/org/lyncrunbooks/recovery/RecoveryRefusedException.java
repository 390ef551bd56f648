package org.lyncrunbooks.recovery;

import org.lyncrunbooks.workflow.RequestRefusedException;

/**
 * A recovery cannot start from what was given: the failed server is not in the topology, the backup set is
 * missing, unpublished or lacks what the procedure restores, a recovery of the server is already running, or a
 * value is missing or malformed. Nothing was written.
 */
public class RecoveryRefusedException extends RequestRefusedException {

    /** A refusal of what the request itself holds (400). */
    public RecoveryRefusedException(String message) {
        this(Status.BAD_REQUEST, message);
    }

    public RecoveryRefusedException(Status status, String message) {
        super(status, message);
    }
}
