package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A server is recovered by one recovery at a time: a second one would prepare, install and restore the same
 * machine again under the first one's feet (its SQL Server installation then fails on the instance the first
 * one installed). A start for a server — in any letter case — whose recovery, or whose pool's failover, has not
 * ended is refused with that recovery's id and where it waits.
 */
@Component
@Order(10)
class OneRecoveryPerServer implements StartCheck {

    private final RunningRecoveries running;

    OneRecoveryPerServer(RunningRecoveries running) {
        this.running = running;
    }

    @Override
    public void check(RecoveryPlan plan, RecoveryInputs.StartRequest request) {
        List<String> names = new ArrayList<>(List.of(plan.failedServerFqdn()));
        plan.pool().map(Pool::fqdn).filter(p -> !p.equalsIgnoreCase(plan.failedServerFqdn())).ifPresent(names::add);
        List<RunningRecoveries.Running> found = running.of(names).stream().filter(request::other).toList();
        if (found.isEmpty()) {
            return;
        }
        throw refusal(found.get(0));
    }

    /** The refusal of a start while {@code first} runs, with its id, who started it and where it waits. */
    static RecoveryRefusedException refusal(RunningRecoveries.Running first) {
        return new RecoveryRefusedException(Status.CONFLICT, "a recovery of " + first.subject() + " is already running: "
                + first.recoveryId() + " (" + first.process() + ", started " + second(first.startedAt())
                + (first.startedBy() == null ? "" : " by " + first.startedBy()) + "), "
                + (first.waitingAt().isEmpty() ? "busy with an automated step"
                : "waiting at " + String.join("; ", first.waitingAt()))
                + ". One server is recovered by one recovery at a time: finish that one, or have an administrator "
                + "cancel it in Cockpit, before starting another.");
    }

    private static String second(Instant at) {
        return at == null ? "at an unknown time" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
