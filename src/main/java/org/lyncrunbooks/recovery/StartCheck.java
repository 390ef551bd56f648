package org.lyncrunbooks.recovery;

import org.lyncrunbooks.topology.RecoveryPlan;

/**
 * One rule a recovery's start must pass, after the request itself was read and the server found in the topology,
 * and before the backup set is examined: no other recovery of the server is running, the server really is lost
 * (or the person said why it is recovered anyway). Each rule is a bean; {@link RecoveryService#start} runs all of
 * them in their {@code @Order}, so a new rule (a Front End refused while its Back End's recovery is unfinished) is
 * one more class.
 */
public interface StartCheck {

    /**
     * Checks the start of the recovery described by {@code plan} and {@code request}.
     *
     * @throws RecoveryRefusedException saying why it may not start and what to do instead; nothing was written
     */
    void check(RecoveryPlan plan, RecoveryInputs.StartRequest request);

    /**
     * Whether the rule runs after the backup set was examined: a rule about other recoveries' progress answers only a
     * request that is otherwise right, so a wrong set is named first.
     */
    default boolean afterTheSet() {
        return false;
    }
}
