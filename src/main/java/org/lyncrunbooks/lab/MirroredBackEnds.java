package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * Back Ends with a SQL Server mirror as Lync Server 2013 runs them (H5, H17, P3, R6, R7): per database type one side
 * is the principal (the topology's SQL store is the "Primary", its mirror the "Mirror") and the other keeps a
 * synchronous copy; a witness fails the databases over to the mirror on its own when the principal is lost, without
 * one an administrator does ({@code Invoke-CsDatabaseFailover -Force}). A lost side is rebuilt with the same FQDN and
 * instance name, the mirroring is removed ({@code Uninstall-CsMirrorDatabase}) and installed again
 * ({@code Install-CsMirrorDatabase}), which seeds the rebuilt side from the principal.
 *
 * <p>Synchronous mirroring is kept lazily: the mirror's files are made identical to the principal's at the moments the
 * mirror's content matters — when the principal is lost (the mirror had every committed change) and before a failover
 * with both sides up.
 */
final class MirroredBackEnds {

    static final String PRIMARY = "Primary";
    static final String MIRROR = "Mirror";
    static final String SYNCHRONIZED = "synchronized";
    /** The partner does not answer: the principal runs alone (SQL Server's DISCONNECTED). */
    static final String DISCONNECTED = "disconnected";

    private final LabFarm farm;

    MirroredBackEnds(LabFarm farm) {
        this.farm = farm;
    }

    /**
     * One database type of one mirrored store.
     *
     * @param principal {@link #PRIMARY} or {@link #MIRROR}
     * @param status    {@link #SYNCHRONIZED}, {@link #DISCONNECTED}, or empty once the mirroring is uninstalled
     */
    record Mirroring(String principal, String status) {

        boolean mirrored() {
            return status != null && !status.isEmpty();
        }
    }

    /** The state file: lost SQL hosts, and per {@code <store>|<DatabaseType>} its mirroring. */
    record State(Set<String> lostHosts, Map<String, Mirroring> mirrorings) {

        State {
            lostHosts = new TreeSet<>(lostHosts == null ? Set.of() : lostHosts);
            mirrorings = new LinkedHashMap<>(mirrorings == null ? Map.of() : mirrorings);
        }
    }

    // ------------------------------------------------------------------ state

    State state() {
        synchronized (farm.state().lock()) {
            State state = farm.state().readIfExists(farm.layout().mirrorState(), State.class).orElse(null);
            if (state == null) {
                state = initial();
            }
            return state;
        }
    }

    /** The mirrors as P3 installs them: every database of the store copied to the mirror, synchronized. */
    private State initial() {
        State state = new State(Set.of(), Map.of());
        for (SqlStore store : mirrored()) {
            SqlStoreRef mirror = store.mirrorStore().orElseThrow();
            if (!farm.databases().installed(mirror)) {
                farm.databases().installInstance(mirror, LabDatabases.SQL_2012_SP4);
            }
            for (Schemas.DatabaseType type : types(store)) {
                for (LyncDatabase db : held(store, type)) {
                    farm.databases().copyDatabase(store.ref(), mirror, db.databaseName());
                }
                state.mirrorings().put(key(store, type), new Mirroring(PRIMARY, SYNCHRONIZED));
            }
            store.witnessStore().filter(w -> !farm.databases().installed(w))
                    .ifPresent(w -> farm.databases().installInstance(w, LabDatabases.SQL_2012_SP4));
        }
        write(state);
        return state;
    }

    private void write(State state) {
        farm.state().write(farm.layout().mirrorState(), state);
        farm.state().write(farm.layout().lostSqlHosts(), List.copyOf(state.lostHosts()));
    }

    List<SqlStore> mirrored() {
        return farm.topology().sqlStores().stream().filter(s -> s.mirrorStore().isPresent()).toList();
    }

    static List<Schemas.DatabaseType> types(SqlStore store) {
        return java.util.Arrays.stream(Schemas.DatabaseType.values()).filter(t -> !held(store, t).isEmpty()).toList();
    }

    static List<LyncDatabase> held(SqlStore store, Schemas.DatabaseType type) {
        return type.databases().stream().filter(store::holds).toList();
    }

    private static String key(SqlStore store, Schemas.DatabaseType type) {
        return store.ref().display().toLowerCase(Locale.ROOT) + "|" + type.cmdletName();
    }

    /** The mirroring of the type on the store; empty when the store has no mirror. */
    Optional<Mirroring> mirroring(SqlStore store, Schemas.DatabaseType type) {
        return Optional.ofNullable(state().mirrorings().get(key(store, type)));
    }

    static SqlStoreRef side(SqlStore store, String role) {
        return MIRROR.equalsIgnoreCase(role) ? store.mirrorStore().orElseThrow() : store.ref();
    }

    static String other(String role) {
        return MIRROR.equalsIgnoreCase(role) ? PRIMARY : MIRROR;
    }

    boolean lost(SqlStoreRef ref) {
        return farm.databases().offline(ref.fqdn()) || !farm.databases().installed(ref);
    }

    /**
     * Where the pool's user data is served from now: the principal of its Back End's User databases (the Back End
     * itself when it is not mirrored).
     */
    SqlStoreRef userStore(Pool pool) {
        return farm.topology().sqlStore(pool.backEnd())
                .flatMap(store -> mirroring(store, Schemas.DatabaseType.USER).map(m -> side(store, m.principal())))
                .orElse(pool.backEnd());
    }

    // ------------------------------------------------------------------ failures

    /**
     * The SQL Server host stops answering, with its disks kept. Where it was the principal of a synchronized mirror the
     * mirror holds every committed change; where a witness answers too, the databases fail over to the mirror on their
     * own (H5).
     */
    void loseHost(String fqdn) {
        String host = fqdn.strip().toLowerCase(Locale.ROOT);
        requireSqlHost(host);
        synchronized (farm.state().lock()) {
            State state = state();
            if (state.lostHosts().contains(host)) {
                return;
            }
            for (SqlStore store : mirrored()) {
                for (Schemas.DatabaseType type : types(store)) {
                    Mirroring m = state.mirrorings().get(key(store, type));
                    SqlStoreRef principal = side(store, m.principal());
                    SqlStoreRef partner = side(store, other(m.principal()));
                    if (m.mirrored() && principal.fqdn().equals(host)) {
                        if (SYNCHRONIZED.equals(m.status())) {
                            for (LyncDatabase db : held(store, type)) {
                                farm.databases().copyDatabase(principal, partner, db.databaseName());
                            }
                        }
                        boolean witness = store.witnessStore().filter(w -> !state.lostHosts().contains(w.fqdn())
                                && !farm.databases().offline(w.fqdn())).isPresent();
                        boolean partnerUp = !state.lostHosts().contains(partner.fqdn())
                                && !farm.databases().offline(partner.fqdn());
                        boolean automatic = witness && partnerUp && SYNCHRONIZED.equals(m.status());
                        state.mirrorings().put(key(store, type),
                                new Mirroring(automatic ? other(m.principal()) : m.principal(), DISCONNECTED));
                    } else if (m.mirrored() && partner.fqdn().equals(host)) {
                        state.mirrorings().put(key(store, type), new Mirroring(m.principal(), DISCONNECTED));
                    }
                }
            }
            state.lostHosts().add(host);
            write(state);
        }
    }

    /** The host answers again with its disks as they were when it was lost (databases and all). */
    void repairHost(String fqdn) {
        String host = fqdn.strip().toLowerCase(Locale.ROOT);
        requireSqlHost(host);
        synchronized (farm.state().lock()) {
            State state = state();
            state.lostHosts().remove(host);
            write(state);
        }
    }

    /**
     * The host is rebuilt with the same FQDN (R6/R7 step "rebuild the server, install SQL with the same instance
     * names"): its SQL instances are installed anew and hold no database.
     */
    List<String> rebuildHost(String fqdn) {
        String host = fqdn.strip().toLowerCase(Locale.ROOT);
        List<SqlStoreRef> instances = requireSqlHost(host);
        synchronized (farm.state().lock()) {
            State state = state();
            for (SqlStoreRef ref : instances) {
                farm.deleteSqlInstanceFolder(ref);
                farm.databases().installInstance(ref, LabDatabases.SQL_2012_SP4);
            }
            state.lostHosts().remove(host);
            write(state);
        }
        return instances.stream().map(SqlStoreRef::display).toList();
    }

    /** The SQL instances the host runs as a mirrored store's primary, mirror or witness. */
    private List<SqlStoreRef> requireSqlHost(String host) {
        List<SqlStoreRef> refs = new ArrayList<>();
        for (SqlStore store : mirrored()) {
            for (SqlStoreRef ref : List.of(store.ref(), store.mirrorStore().orElseThrow(),
                    store.witnessStore().orElse(store.ref()))) {
                if (ref.fqdn().equalsIgnoreCase(host) && !refs.contains(ref)) {
                    refs.add(ref);
                }
            }
        }
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("'" + host + "' is not a SQL Server of a mirrored Back End of the lab "
                    + "farm (its principal, mirror or witness); mirrored Back Ends: " + String.join(", ", mirrored()
                    .stream().map(s -> s.ref().display() + " (mirror " + s.mirrorStore().orElseThrow().display()
                            + s.witnessStore().map(w -> ", witness " + w.display()).orElse("") + ")").toList()));
        }
        return refs;
    }

    // ------------------------------------------------------------------ cmdlets' effects

    /** {@code Invoke-CsDatabaseFailover}: the databases of the type are served by {@code newPrincipal}'s side. */
    void failOver(SqlStore store, Schemas.DatabaseType type, String newPrincipal) {
        synchronized (farm.state().lock()) {
            State state = state();
            Mirroring m = state.mirrorings().get(key(store, type));
            SqlStoreRef from = side(store, m.principal());
            SqlStoreRef to = side(store, newPrincipal);
            boolean bothUp = !lost(from) && !lost(to);
            if (bothUp) {
                for (LyncDatabase db : held(store, type)) {
                    farm.databases().copyDatabase(from, to, db.databaseName());
                }
            }
            state.mirrorings().put(key(store, type), new Mirroring(newPrincipal, bothUp ? SYNCHRONIZED : DISCONNECTED));
            write(state);
        }
    }

    /** {@code Uninstall-CsMirrorDatabase}: the type is no longer mirrored; its principal stays where it is. */
    void uninstall(SqlStore store, Schemas.DatabaseType type) {
        synchronized (farm.state().lock()) {
            State state = state();
            Mirroring m = state.mirrorings().get(key(store, type));
            state.mirrorings().put(key(store, type), new Mirroring(m.principal(), ""));
            write(state);
        }
    }

    /** {@code Install-CsMirrorDatabase}: the other side is seeded from the principal and the mirror synchronizes. */
    void install(SqlStore store, Schemas.DatabaseType type) {
        synchronized (farm.state().lock()) {
            State state = state();
            Mirroring m = state.mirrorings().get(key(store, type));
            SqlStoreRef principal = side(store, m.principal());
            SqlStoreRef mirror = side(store, other(m.principal()));
            for (LyncDatabase db : held(store, type)) {
                farm.databases().copyDatabase(principal, mirror, db.databaseName());
            }
            state.mirrorings().put(key(store, type), new Mirroring(m.principal(), SYNCHRONIZED));
            write(state);
        }
    }
}
