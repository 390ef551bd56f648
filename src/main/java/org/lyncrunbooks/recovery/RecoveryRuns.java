package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recoveries ({@code lync-server-recovery} instances) in the engine's history, as the manager's timeline pages
 * through them: each method is one query, bounded by what it is asked for.
 */
interface RecoveryRuns {

    /** One recovery; {@code endedAt} and {@code endActivityId} are null while it runs. */
    record Run(String id, String businessKey, Instant startedAt, Instant endedAt, String endActivityId) {
    }

    /** A user task of a recovery or of a process it called. */
    record Step(String recoveryId, String name, Instant endedAt) {
    }

    long count();

    /** Recoveries newest first, from {@code first}, at most {@code max}. */
    List<Run> newestFirst(int first, int max);

    Optional<Run> run(String recoveryId);

    /**
     * The variables {@code names} of each recovery, by recovery id; a variable of the recovery's own instance wins
     * over one of the same name on a child execution.
     */
    Map<String, Map<String, Object>> variables(Collection<String> recoveryIds, Collection<String> names);

    /** Every variable of one recovery's own instance; one of the instance itself wins over a child execution's. */
    Map<String, Object> variables(String recoveryId);

    /** The open user tasks of the recoveries of these servers (business keys), with the recovery they belong to. */
    List<Step> openSteps(Collection<String> businessKeys);

    /**
     * The user tasks {@code taskDefinitionKey} of the recoveries of these servers, started after {@code after} and,
     * unless it is null, before {@code before}.
     */
    List<Step> steps(Collection<String> businessKeys, String taskDefinitionKey, Instant after, Instant before);

    /** The report the recovery stored when its server was back (a JSON file variable), if it stored one. */
    Optional<String> storedReport(String recoveryId);
}
