package org.lyncrunbooks.backup;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** What the engine knows of the backup runs that write some sets: the catalog's view of the runs in its page. */
interface BackupRuns {

    /** The newest run writing {@code setId}; {@code endedAt} is null while it runs. */
    record Run(String setId, Instant startedAt, Instant endedAt) {

        boolean running() {
            return endedAt == null;
        }
    }

    /**
     * The runs of some sets.
     *
     * @param bySet              the newest run of each set that has one
     * @param verificationFailed sets whose run went through the verification-failed path
     * @param waitingForOperator sets whose run waits for an operator's review now
     */
    record States(Map<String, Run> bySet, Set<String> verificationFailed, Set<String> waitingForOperator) {

        static final States NONE = new States(Map.of(), Set.of(), Set.of());
    }

    /** The runs of {@code setIds} (the business keys): a fixed number of queries, bounded by the ids. */
    States of(Collection<String> setIds);
}
