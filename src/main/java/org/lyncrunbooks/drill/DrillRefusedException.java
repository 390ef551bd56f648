package org.lyncrunbooks.drill;

/**
 * A restore drill cannot start from what was given: the set is not a published set on the share, there is none to
 * drill, or another drill is running. Nothing was written.
 */
public class DrillRefusedException extends RuntimeException {

    public DrillRefusedException(String message) {
        super(message);
    }
}
