package org.lyncrunbooks.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;

/**
 * The start rule of a Lync Server 2013 Enterprise Edition Front End pool, which keeps each user's data on three
 * replicas (Windows Fabric): a Front End server's services stay in the Starting state until enough servers of the pool
 * are up. Microsoft ("Topologies and components for Front End Servers, instant messaging, and presence in Lync Server
 * 2013"; the same rules in "Front End pool high availability and management" for Skype for Business Server) gives
 * two tables, which the lab models as they are:
 * <ul>
 *   <li>while the pool is functional — at least 1 of 2, 2 of 3–4, 3 of 5–6, 4 of 7–9, 5 of 10–12 servers running —
 *       a server that starts comes up at once;</li>
 *   <li>a pool that is down (after a stop of every server, as {@code Import-CsUserData} needs) starts when about 85 %
 *       of its servers start together: 3 of 3, 3 of 4, 4 of 5, 5 of 6, 5 of 7, 6 of 8, 7 of 9, 8 of 10, 9 of 11,
 *       10 of 12. For two servers the table says one, with the advice to restart both at the same time or, if that
 *       cannot be done, in the reverse order of how they went down: the lab starts a two-server pool when both start,
 *       or when the server that starts alone was the last to stop.</li>
 * </ul>
 * A Standard Edition server is a pool of one and starts alone.
 */
final class FrontEndQuorum {

    /**
     * How long the lab's Start-CsWindowsService waits for its Front End to leave Starting. A real one waits much
     * longer; five seconds are enough for servers started in parallel to meet, and keep a wrong sequential start short.
     */
    static final Duration START_WAIT = Duration.ofSeconds(5);

    private FrontEndQuorum() {
    }

    /** Whether starts on servers of this pool wait for the pool (an Enterprise pool of two or more Front Ends). */
    static boolean applies(Pool pool) {
        return pool.kind() == PoolKind.ENTERPRISE && pool.servers().size() > 1;
    }

    /** Servers that must run for a pool of {@code servers} Front Ends to stay functional. */
    static int functional(int servers) {
        if (servers <= 2) {
            return 1;
        }
        if (servers <= 4) {
            return 2;
        }
        if (servers <= 6) {
            return 3;
        }
        return servers <= 9 ? 4 : 5;
    }

    /** Servers that must start together for a pool of {@code servers} Front Ends that is down (the 85 % table). */
    static int toStart(int servers) {
        int[] table = {1, 1, 1, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10};
        return servers < table.length ? table[servers] : (int) Math.ceil(servers * 0.85);
    }

    /**
     * Moves the pool's Starting services to Running when the rule above allows it; returns the machines to write (the
     * caller holds the state lock). {@code lastStopped} is the server that was the last to stop, if the lab knows it.
     */
    static Map<String, ServerState> settle(Pool pool, Map<String, ServerState> machines, String lastStopped) {
        List<String> running = new ArrayList<>();
        List<String> starting = new ArrayList<>();
        machines.forEach((server, machine) -> {
            if (machine.operatingSystemInstalled() && machine.runningServices().contains(FarmHosts.FRONT_END_SERVICE)) {
                running.add(server);
            } else if (machine.operatingSystemInstalled()
                    && machine.startingServices().contains(FarmHosts.FRONT_END_SERVICE)) {
                starting.add(server);
            }
        });
        int servers = pool.servers().size();
        boolean up = running.size() >= functional(servers)
                || running.size() + starting.size() >= (servers == 2 ? 2 : toStart(servers))
                || servers == 2 && running.isEmpty() && starting.size() == 1 && starting.get(0).equals(lastStopped);
        Map<String, ServerState> changed = new LinkedHashMap<>();
        if (!up) {
            return changed;
        }
        machines.forEach((server, machine) -> {
            if (!machine.startingServices().isEmpty()) {
                List<String> now = new ArrayList<>(machine.runningServices());
                machine.startingServices().stream().filter(s -> !now.contains(s)).forEach(now::add);
                changed.put(server, machine.withRunningServices(now).withStartingServices(List.of()));
            }
        });
        return changed;
    }

    /** Why a Front End still waits: for the message of a start that gave up waiting. */
    static String waiting(Pool pool, Map<String, ServerState> machines) {
        long up = machines.values().stream().filter(m -> m.operatingSystemInstalled()
                && (m.runningServices().contains(FarmHosts.FRONT_END_SERVICE)
                || m.startingServices().contains(FarmHosts.FRONT_END_SERVICE))).count();
        int servers = pool.servers().size();
        return "the Front End pool " + pool.fqdn() + " is not started: " + up + " of its " + servers
                + " Front End servers are starting or running, and a pool that is down starts when "
                + (servers == 2 ? "both of its 2 servers start together (or the server that stopped last starts first)"
                : toStart(servers) + " of its " + servers + " servers start together") + " (pool quorum)";
    }
}
