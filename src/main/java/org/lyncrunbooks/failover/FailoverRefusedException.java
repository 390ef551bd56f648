package org.lyncrunbooks.failover;

import org.lyncrunbooks.workflow.RequestRefusedException;

/**
 * A pool failover cannot start, or a task cannot be completed, from what was given: an unknown pool, a pool without a
 * backup pool, a failover of the pool already running, a decision without its reason. Nothing was written.
 */
public class FailoverRefusedException extends RequestRefusedException {

    public FailoverRefusedException(String message) {
        this(Status.BAD_REQUEST, message);
    }

    public FailoverRefusedException(Status status, String message) {
        super(status, message);
    }
}
