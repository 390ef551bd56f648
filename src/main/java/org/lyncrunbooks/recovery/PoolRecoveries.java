package org.lyncrunbooks.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.workflow.RequestRefusedException.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The work of the {@code lync-recovery-pool} runbook without the engine (R9 "Restoring a Lync Server pool"): which of a
 * pool's servers are lost, in which order they are recovered — the Back End (or the Standard Edition server) first,
 * then each Front End — and whether every one of them may be recovered now from the set. Each server is then recovered
 * by its own {@code lync-server-recovery}; this class only decides and refuses, it writes nothing.
 */
@Service
public class PoolRecoveries {

    private static final Logger log = LoggerFactory.getLogger(PoolRecoveries.class);

    private final Topology topology;
    private final RecoveryService recoveries;
    private final RunningRecoveries running;
    private final ServerStillAnswers answers;

    PoolRecoveries(Topology topology, RecoveryService recoveries, RunningRecoveries running, ServerStillAnswers answers) {
        this.topology = topology;
        this.recoveries = recoveries;
        this.running = running;
        this.answers = answers;
    }

    /**
     * A pool recovery as it will run.
     *
     * @param members   every server of the pool, the Back End first
     * @param backEnds  the lost servers recovered first, one after the other: the Back End, or the Standard Edition server
     * @param frontEnds the lost Front Ends, recovered once the Back End is back
     * @param approval  what the manager approves once for all of them: the set and the data-loss window over every
     *                  item the servers' recoveries restore
     */
    public record PoolPlan(String poolFqdn, List<String> members, List<String> backEnds, List<String> frontEnds,
                           RecoveryService.Assessment approval) {

        public PoolPlan {
            members = List.copyOf(members);
            backEnds = List.copyOf(backEnds);
            frontEnds = List.copyOf(frontEnds);
        }

        /** Every lost server in the order it is recovered. */
        public List<String> lost() {
            List<String> lost = new ArrayList<>(backEnds);
            lost.addAll(frontEnds);
            return lost;
        }

        /**
         * The Back End whose Response Group the pool recovery restores at its end, after the Front Ends run again
         * (Import-CsRgsConfiguration needs the service on a server of the pool): when Front Ends are rebuilt too.
         */
        public java.util.Optional<String> responseGroupServer() {
            return frontEnds.isEmpty() || backEnds.isEmpty() || !approval.plan().restoresResponseGroup()
                    ? java.util.Optional.empty() : java.util.Optional.of(backEnds.get(0));
        }

        /** The order as people read it. */
        public String order() {
            return (backEnds.isEmpty() ? "" : "1. the Back End: " + String.join(", ", backEnds))
                    + (backEnds.isEmpty() || frontEnds.isEmpty() ? "" : "; ")
                    + (frontEnds.isEmpty() ? "" : (backEnds.isEmpty() ? "" : "2. ") + "the Front Ends, side by side: "
                    + String.join(", ", frontEnds) + "; then every Front End service of the pool started together")
                    + (responseGroupServer().isPresent() ? ", and Response Group restored" : "");
        }
    }

    /**
     * The start of a pool recovery: the pool is in the topology and serves users; the servers named are its own (none
     * named: those that do not answer {@code Get-CsWindowsService}); no recovery or failover of the pool or of one of
     * its servers runs; and every lost server passes its own recovery's start (it is lost or a reason was given, the
     * set holds what it needs). Reads only; writes nothing.
     *
     * @throws RecoveryRefusedException saying what stops the start, with what to do instead
     */
    public PoolPlan start(RecoveryInputs.PoolStartRequest request) {
        Pool pool = topology.pool(request.poolFqdn()).orElseThrow(() -> new RecoveryRefusedException(Status.NOT_FOUND,
                "'" + PublishedSets.printable(request.poolFqdn()) + "' is not a pool of the topology; its Front End pools "
                        + "and Standard Edition servers are: " + registrarPools()));
        if (!pool.kind().isRegistrar()) {
            throw new RecoveryRefusedException(Status.UNPROCESSABLE, "pool " + pool.fqdn() + " (" + pool.kind().yamlName()
                    + ") is not a Front End pool or Standard Edition server, which 'Recover a pool' recovers (R9): recover "
                    + "its servers one by one with 'Recover a Lync server'");
        }
        List<String> members = members(pool);
        List<String> named = named(pool, members, request);
        List<String> names = new ArrayList<>(members);
        names.add(pool.fqdn());
        List<RunningRecoveries.Running> busy = running.of(names);
        if (!busy.isEmpty()) {
            throw OneRecoveryPerServer.refusal(busy.get(0));
        }
        List<String> lost = request.everyServer() ? members : !named.isEmpty() ? named : silent(pool, members);
        List<RecoveryService.Assessment> assessments = new ArrayList<>();
        for (String server : lost) {
            assessments.add(recoveries.start(request.server(server)));
        }
        String backEnd = pool.backEndStore().map(SqlStoreRef::fqdn).orElse(null);
        List<String> backEnds = lost.stream().filter(s -> s.equalsIgnoreCase(backEnd)).toList();
        List<String> frontEnds = lost.stream().filter(s -> !s.equalsIgnoreCase(backEnd)).toList();
        PoolPlan plan = new PoolPlan(pool.fqdn(), members, backEnds, frontEnds, approval(assessments));
        log.info("Pool recovery of {} assessed: {} from backup set {}", pool.fqdn(), plan.order(), plan.approval().setId());
        return plan;
    }

    /** R9, the end: every Front End of the pool started together. */
    public void startFrontEnds(String recoveryId, String poolFqdn) {
        recoveries.startFrontEnds(recoveryId, poolFqdn);
    }

    /** R9, the end: Response Group restored once the pool's Front Ends run again (R4 step 14, R5 step 6). */
    public void restoreResponseGroup(String recoveryId, String backEndFqdn, String setId) {
        recoveries.restoreResponseGroup(recoveryId, backEndFqdn, setId);
    }

    /** The pool's servers, its Back End first (a Standard Edition server is its own Back End). */
    private static List<String> members(Pool pool) {
        List<String> members = new ArrayList<>();
        pool.backEndStore().map(SqlStoreRef::fqdn).ifPresent(members::add);
        pool.servers().stream().filter(s -> members.stream().noneMatch(s::equalsIgnoreCase)).forEach(members::add);
        return members;
    }

    /** The servers the request names, in the pool's order and spelling; a name that is not the pool's is refused. */
    private static List<String> named(Pool pool, List<String> members, RecoveryInputs.PoolStartRequest request) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String server : request.lostServers()) {
            String member = members.stream().filter(server::equalsIgnoreCase).findFirst().orElseThrow(() ->
                    new RecoveryRefusedException(Status.UNPROCESSABLE, "'" + PublishedSets.printable(server)
                            + "' is not a server of pool " + pool.fqdn() + "; its servers are: "
                            + String.join(", ", members)));
            named.put(member.toLowerCase(Locale.ROOT), member);
        }
        return members.stream().filter(m -> named.containsKey(m.toLowerCase(Locale.ROOT))).toList();
    }

    /** The pool's servers that do not answer: the lost ones, when the request names none. */
    private List<String> silent(Pool pool, List<String> members) {
        List<String> silent = members.stream().filter(server -> !answers.answers(server)).toList();
        if (silent.isEmpty()) {
            throw new RecoveryRefusedException(Status.CONFLICT, "every server of pool " + pool.fqdn() + " still answers "
                    + ServerStillAnswers.CMDLET + " (" + String.join(", ", members) + "): none is lost. A recovery "
                    + "replaces servers with new installations, so try troubleshooting first; to rebuild some anyway, "
                    + "name them in 'Servers lost' (lostServers) and say why in 'Reason to recover a server that still "
                    + "answers' (rebuildAnywayReason).");
        }
        return silent;
    }

    /**
     * One approval for every server: the set of the first server's assessment (they resolved the same one), the
     * data-loss window from the oldest item any of them restores.
     */
    private static RecoveryService.Assessment approval(List<RecoveryService.Assessment> assessments) {
        RecoveryService.Assessment first = assessments.get(0);
        Map<String, RecoveryService.ItemTime> items = new LinkedHashMap<>();
        assessments.forEach(a -> a.itemTimes().forEach(t -> items.putIfAbsent(t.itemId(), t)));
        List<RecoveryService.ItemTime> times = items.values().stream()
                .sorted(Comparator.comparing(RecoveryService.ItemTime::startedAt)).toList();
        Instant from = assessments.stream().map(RecoveryService.Assessment::dataLossFrom).min(Comparator.naturalOrder())
                .orElse(first.dataLossFrom());
        return new RecoveryService.Assessment(first.plan(), first.setId(), first.setCompletedAt(), first.setServerPath(),
                first.certificateNames(), from, times);
    }

    private String registrarPools() {
        return topology.pools().filter(p -> p.kind().isRegistrar()).map(Pool::fqdn).collect(Collectors.joining(", "));
    }
}
