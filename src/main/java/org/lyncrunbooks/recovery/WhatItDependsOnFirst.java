package org.lyncrunbooks.recovery;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When several servers are lost, Microsoft's order (R9) is the Central Management store first, then each
 * pool's Back End, then its Front Ends: every Lync server reads its configuration from the store, and a Front End
 * imports its pool's user data into the Back End. A recovery whose server depends on one still being recovered is
 * refused with the reason and the recovery it waits for (reliability scenario 19): a Front End (or any member server
 * of a pool) while its pool's Back End is being recovered, anything while the server holding the Central Management
 * store is being recovered.
 */
@Component
@Order(15)
class WhatItDependsOnFirst implements StartCheck {

    private final Topology topology;
    private final RunningRecoveries running;

    WhatItDependsOnFirst(Topology topology, RunningRecoveries running) {
        this.topology = topology;
        this.running = running;
    }

    @Override
    public boolean afterTheSet() {
        return true;
    }

    @Override
    public void check(RecoveryPlan plan, RecoveryInputs.StartRequest request) {
        String failed = plan.failedServerFqdn();
        Optional<String> cmsHost = topology.centralManagementPool().flatMap(p -> p.backEndStore().map(b -> b.fqdn()));
        if (cmsHost.isPresent() && !cmsHost.get().equalsIgnoreCase(failed)) {
            List<RunningRecoveries.Running> cms = running.of(List.of(cmsHost.get())).stream()
                    .filter(request::other).toList();
            if (!cms.isEmpty()) {
                throw refusal(failed, cms.get(0), "the Central Management store on " + cmsHost.get()
                        + " is being recovered, and every Lync server reads its configuration from it; recover "
                        + failed + " once that recovery has ended (R9: the Central Management store first)");
            }
        }
        Optional<Pool> pool = plan.pool();
        if (pool.isPresent() && pool.get().servers().stream().anyMatch(failed::equalsIgnoreCase)) {
            Optional<String> backEnd = pool.get().backEndStore().map(b -> b.fqdn())
                    .filter(host -> !host.equalsIgnoreCase(failed));
            if (backEnd.isPresent()) {
                List<RunningRecoveries.Running> be = running.of(List.of(backEnd.get())).stream()
                        .filter(request::other).toList();
                if (!be.isEmpty()) {
                    throw refusal(failed, be.get(0), "the Back End " + backEnd.get() + " of pool " + pool.get().fqdn()
                            + " is being recovered, and a Front End needs its Back End's databases; recover "
                            + failed + " once that recovery has ended (R9: the Back End before the Front Ends)");
                }
            }
        }
    }

    private static RecoveryRefusedException refusal(String failed, RunningRecoveries.Running first, String why) {
        return new RecoveryRefusedException(Status.CONFLICT, "a recovery of " + failed + " cannot start yet: " + why
                + ". It waits for " + first.recoveryId() + " (" + first.process() + ", started "
                + (first.startedAt() == null ? "at an unknown time" : first.startedAt().truncatedTo(ChronoUnit.SECONDS))
                + "), " + (first.waitingAt().isEmpty() ? "busy with an automated step"
                : "waiting at " + String.join("; ", first.waitingAt())) + ".");
    }
}
