package org.lyncrunbooks.recovery;

/**
 * A recovery cannot start from what was given: the failed server is not in the topology, or the backup set is
 * missing, unpublished or lacks what the procedure restores. Nothing was written.
 */
public class RecoveryRefusedException extends RuntimeException {

    public RecoveryRefusedException(String message) {
        super(message);
    }
}
