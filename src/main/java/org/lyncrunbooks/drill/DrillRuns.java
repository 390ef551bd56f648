package org.lyncrunbooks.drill;

import java.util.List;
import java.util.Map;

/** What the engine knows about restore drills: which are running, and their open incidents. */
interface DrillRuns {

    /**
     * Every {@code lync-restore-drill} that is drilling or about to: its id → its set id (business key; two drills may
     * have the same). A drill that waits for the operators' review of its failure is not among them.
     */
    Map<String, String> active();

    /** The open incidents of the drill processes, one line each, at most {@code limit} of them. */
    List<String> incidents(int limit);

    /** How many incidents are open on the drill processes. */
    long incidentCount();
}
