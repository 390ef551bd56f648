package org.lyncrunbooks.failover;

/**
 * A failover step cannot go on in the farm's present state (scenario 17): the message holds Microsoft's reason (the
 * cmdlet's own error) and what to do. Nothing after the step runs until an operator has dealt with it.
 */
public class FailoverStepBlockedException extends RuntimeException {

    public FailoverStepBlockedException(String message) {
        super(message);
    }
}
