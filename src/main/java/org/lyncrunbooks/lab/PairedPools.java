package org.lyncrunbooks.lab;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;

/**
 * Paired Front End pools as Lync Server 2013 runs them (H2, H10–H16): the Backup Service copies each pool's user
 * data to its backup pool every {@code SyncInterval} (2 minutes by default), one direction at a time, so what changed
 * since the last copy is what a failover loses; a failed pool's users sign in on the backup pool only after
 * {@code Invoke-CsPoolFailover}, and come home with what they changed there after {@code Invoke-CsPoolFailback}. The
 * Central Management store is where the AD service connection point says; its standby lives in the backup pool's
 * Back End. Pools and sites fail as a whole: their servers stop answering, with their SQL instances, and come back
 * with their disks as they were.
 *
 * <p>The Backup Service runs lazily: whenever its state is read, a direction whose oldest unreplicated change is older
 * than the interval, and whose two pools are up, is copied first.
 */
final class PairedPools {

    /** The tables of a user's data in rtcxds, and the column naming the user in each. */
    private static final Map<String, String> USER_TABLES = new LinkedHashMap<>();

    static {
        USER_TABLES.put("users", "user_id");
        USER_TABLES.put("contact_groups", "user_id");
        USER_TABLES.put("contacts", "user_id");
        USER_TABLES.put("permissions", "user_id");
        USER_TABLES.put("conferences", "organizer_id");
    }

    static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(2);

    private final LabFarm farm;

    PairedPools(LabFarm farm) {
        this.farm = farm;
    }

    /**
     * One direction of the Backup Service: the source pool's user data copied into its backup pool.
     *
     * @param lastSyncAt   when the last copy finished
     * @param pendingSince the oldest change not yet copied; null when everything is copied
     * @param finalState   the source was failed over: its data is read-only and nothing is left to copy
     */
    record Direction(Instant lastSyncAt, Instant pendingSince, boolean finalState) {
    }

    /** The state file. Maps are keyed by pool FQDN. */
    record State(Set<String> offlinePools, Map<String, String> failedOver, Map<String, String> edgeNextHops,
                 Duration syncInterval, Map<String, Direction> directions) {

        State {
            offlinePools = new TreeSet<>(offlinePools == null ? Set.of() : offlinePools);
            failedOver = new LinkedHashMap<>(failedOver == null ? Map.of() : failedOver);
            edgeNextHops = new LinkedHashMap<>(edgeNextHops == null ? Map.of() : edgeNextHops);
            directions = new LinkedHashMap<>(directions == null ? Map.of() : directions);
            syncInterval = syncInterval == null ? DEFAULT_SYNC_INTERVAL : syncInterval;
        }
    }

    /** What {@code Get-CsBackupServiceStatus} reports for one pool. */
    record Status(String pool, String backupPool, String exportStatus, Instant lastExportAt, String importStatus,
                  Instant lastImportAt) {
    }

    /** A user who signed in: where they are homed, which pool serves them now, and what their contact list holds. */
    record SignIn(String sipUri, String homePool, String servingPool, List<String> contacts) {
    }

    // ------------------------------------------------------------------ state

    /** Reads the state, creating it (and the first copy in every direction) the first time; catches the service up. */
    State state() {
        synchronized (farm.state().lock()) {
            State state = farm.state().readIfExists(farm.layout().pairingState(), State.class).orElse(null);
            if (state == null) {
                state = initial();
            }
            if (catchUp(state, Instant.now())) {
                write(state);
            }
            return state;
        }
    }

    private State initial() {
        Topology topology = farm.topology();
        Map<String, String> hops = new LinkedHashMap<>();
        topology.pools().filter(p -> p.kind() == PoolKind.EDGE)
                .forEach(p -> p.nextHopFqdn().ifPresent(hop -> hops.put(p.fqdn(), hop)));
        State state = new State(Set.of(), Map.of(), hops, DEFAULT_SYNC_INTERVAL, Map.of());
        Instant now = Instant.now();
        for (Pool pool : paired()) {
            copy(pool);
            state.directions().put(pool.fqdn(), new Direction(now, null, false));
        }
        write(state);
        return state;
    }

    private void write(State state) {
        farm.state().write(farm.layout().pairingState(), state);
        List<String> hosts = new ArrayList<>();
        for (String fqdn : state.offlinePools()) {
            hosts.addAll(hostsOf(pool(fqdn)));
        }
        farm.state().write(farm.layout().offlineHosts(), hosts.stream().distinct().sorted().toList());
    }

    /** The pools of the topology that have a backup pool. */
    List<Pool> paired() {
        return farm.topology().pools().filter(p -> p.backupPoolFqdn().isPresent()).toList();
    }

    private boolean catchUp(State state, Instant now) {
        boolean changed = false;
        for (Map.Entry<String, Direction> e : state.directions().entrySet()) {
            Direction d = e.getValue();
            Pool source = pool(e.getKey());
            if (d.finalState() || d.pendingSince() == null || now.isBefore(d.pendingSince().plus(state.syncInterval()))) {
                continue;
            }
            if (canCopy(state, source)) {
                copy(source);
                e.setValue(new Direction(now, null, false));
                changed = true;
            }
        }
        return changed;
    }

    private boolean canCopy(State state, Pool source) {
        String backup = source.backupPoolFqdn().orElseThrow();
        return !state.offlinePools().contains(source.fqdn()) && !state.offlinePools().contains(backup)
                && !state.failedOver().containsKey(source.fqdn());
    }

    // ------------------------------------------------------------------ failures

    /** The pool fails as a whole: its servers and its Back End stop answering. */
    void failPool(String fqdn) {
        Pool pool = pool(fqdn);
        synchronized (farm.state().lock()) {
            State state = state();
            state.offlinePools().add(pool.fqdn());
            write(state);
        }
    }

    /** Every pool of the site fails. */
    List<String> failSite(String site) {
        List<String> pools = sitePools(site);
        synchronized (farm.state().lock()) {
            State state = state();
            state.offlinePools().addAll(pools);
            write(state);
        }
        return pools;
    }

    /**
     * The pool answers again with its disks as they were at the failure. The Backup Service resumes: both directions
     * of its pair have changes to exchange until it has copied them (or the interval has passed).
     */
    void repairPool(String fqdn) {
        Pool pool = pool(fqdn);
        synchronized (farm.state().lock()) {
            State state = state();
            state.offlinePools().remove(pool.fqdn());
            Instant now = Instant.now();
            for (String p : List.of(pool.fqdn(), pool.backupPoolFqdn().orElse(""))) {
                Direction d = state.directions().get(p);
                if (d != null && !d.finalState()) {
                    state.directions().put(p, new Direction(d.lastSyncAt(), now, false));
                }
            }
            write(state);
        }
    }

    List<String> repairSite(String site) {
        List<String> pools = sitePools(site);
        pools.forEach(this::repairPool);
        return pools;
    }

    boolean offline(String poolFqdn) {
        return state().offlinePools().contains(poolFqdn.toLowerCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ Backup Service

    Duration syncInterval() {
        return state().syncInterval();
    }

    void setSyncInterval(Duration interval) {
        synchronized (farm.state().lock()) {
            State state = state();
            write(new State(state.offlinePools(), state.failedOver(), state.edgeNextHops(), interval, state.directions()));
        }
    }

    /** {@code Invoke-CsBackupServiceSync -PoolFqdn}: copies the pool's users' data to its backup pool now. */
    Instant sync(Pool pool) {
        Pool backup = backupOf(pool);
        synchronized (farm.state().lock()) {
            State state = state();
            if (state.offlinePools().contains(pool.fqdn()) || state.offlinePools().contains(backup.fqdn())) {
                String down = state.offlinePools().contains(pool.fqdn()) ? pool.fqdn() : backup.fqdn();
                throw new CmdletFailure(CmdletFailure.Category.ConnectionError, "The Backup Service cannot reach pool \""
                        + down + "\": no Front End server of the pool answers. Synchronization between \"" + pool.fqdn()
                        + "\" and \"" + backup.fqdn() + "\" needs both pools running.");
            }
            Instant now = Instant.now();
            if (state.failedOver().containsKey(pool.fqdn())) {
                // the pool's users are served by the backup pool: what the backup pool holds of them is the newest
                state.directions().put(pool.fqdn(), new Direction(now, null, true));
            } else {
                copy(pool);
                state.directions().put(pool.fqdn(), new Direction(now, null, false));
            }
            write(state);
            return now;
        }
    }

    /** {@code Get-CsBackupServiceStatus -PoolFqdn}: the pool's exports to its backup pool, and its imports from it. */
    Status status(Pool pool) {
        Pool backup = backupOf(pool);
        State state = state();
        if (state.offlinePools().contains(pool.fqdn())) {
            throw new CmdletFailure(CmdletFailure.Category.ConnectionError, "Cannot get the Backup Service status of "
                    + "pool \"" + pool.fqdn() + "\": no Front End server of the pool answers. Run the cmdlet for its "
                    + "backup pool \"" + backup.fqdn() + "\" to see what it last received.");
        }
        Direction out = state.directions().get(pool.fqdn());
        Direction in = state.directions().get(backup.fqdn());
        return new Status(pool.fqdn(), backup.fqdn(), describe(state, out, backup), out == null ? null : out.lastSyncAt(),
                describe(state, in, backup), in == null ? null : in.lastSyncAt());
    }

    private static String describe(State state, Direction d, Pool other) {
        if (d == null) {
            return "NotConfigured";
        }
        if (d.finalState()) {
            return "FinalState";
        }
        if (state.offlinePools().contains(other.fqdn())) {
            return "NotSteady";
        }
        return d.pendingSince() == null ? "SteadyState" : "NormalState";
    }

    /** Copies the user data of the pool's users from its Back End into the replica its backup pool holds. */
    private void copy(Pool source) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        try (Connection c = farm.databases().open(source.backEnd(), LyncDatabase.RTCXDS.databaseName())) {
            for (Map.Entry<String, String> t : USER_TABLES.entrySet()) {
                rows.put(t.getKey(), select(c, t.getKey(), t.getValue(), source.fqdn()));
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
        farm.state().write(farm.layout().replica(source.fqdn()), rows);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<Map<String, Object>>> replica(Pool source) {
        return farm.state().readIfExists(farm.layout().replica(source.fqdn()), Map.class).orElseThrow(() ->
                new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "The backup pool holds no data of pool \""
                        + source.fqdn() + "\": the Backup Service never synchronized it (Invoke-CsBackupServiceSync)."));
    }

    // ------------------------------------------------------------------ failover and failback

    /** {@code Invoke-CsPoolFailover}: the pool's users sign in on its backup pool with what was last replicated. */
    String failOver(Pool pool, boolean disasterMode) {
        Pool backup = backupOf(pool);
        synchronized (farm.state().lock()) {
            State state = state();
            if (state.failedOver().containsKey(pool.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Pool \"" + pool.fqdn()
                        + "\" is already failed over to \"" + state.failedOver().get(pool.fqdn()) + "\".");
            }
            if (state.failedOver().containsKey(backup.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "The users of pool \"" + backup.fqdn()
                        + "\" are failed over to \"" + pool.fqdn() + "\". Fail them back with Invoke-CsPoolFailBack "
                        + "-PoolFqdn " + backup.fqdn() + " before failing over \"" + pool.fqdn() + "\".");
            }
            requireCentralManagementStore(pool);
            for (Map.Entry<String, String> hop : state.edgeNextHops().entrySet()) {
                if (hop.getValue().equalsIgnoreCase(pool.fqdn())) {
                    throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "This Front-end pool \""
                            + pool.fqdn() + "\" is specified in topology as the next hop for the Edge server. Failing "
                            + "over this pool may cause External access/Federation/Split-domain/XMPP features to stop "
                            + "working. Please use Topology Builder to change the Edge internal next hop setting to point "
                            + "to a different Front-end pool, before you proceed.");
                }
            }
            if (state.offlinePools().contains(backup.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "The backup pool \"" + backup.fqdn()
                        + "\" of pool \"" + pool.fqdn() + "\" is not available: no Front End server answers.");
            }
            boolean down = state.offlinePools().contains(pool.fqdn());
            if (down && !disasterMode) {
                throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Pool \"" + pool.fqdn() + "\" is "
                        + "not available, so its data cannot be flushed to its backup pool. If the pool is lost, run "
                        + "Invoke-CsPoolFailOver with -DisasterMode.");
            }
            if (!down) {
                copy(pool);
            }
            Map<String, List<Map<String, Object>>> rows = replica(pool);
            int users;
            try (Connection c = farm.databases().open(backup.backEnd(), LyncDatabase.RTCXDS.databaseName())) {
                users = replace(c, pool.fqdn(), rows);
            } catch (SQLException e) {
                throw new SqlServerException(e.getMessage(), e);
            }
            state.failedOver().put(pool.fqdn(), backup.fqdn());
            Direction d = state.directions().get(pool.fqdn());
            state.directions().put(pool.fqdn(), new Direction(d == null ? null : d.lastSyncAt(), null, true));
            write(state);
            return "Failed over " + users + " users of pool " + pool.fqdn() + " to " + backup.fqdn()
                    + (down ? " in disaster mode, with their data as the Backup Service last replicated it ("
                    + (d == null ? "never" : d.lastSyncAt()) + ")" : "") + ".";
        }
    }

    /** {@code Invoke-CsPoolFailBack}: the users go home with what they changed on the backup pool. */
    String failBack(Pool pool) {
        Pool backup = backupOf(pool);
        synchronized (farm.state().lock()) {
            State state = state();
            if (!state.failedOver().containsKey(pool.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Pool \"" + pool.fqdn()
                        + "\" is not failed over: its users are served by it. Nothing to fail back.");
            }
            if (state.offlinePools().contains(pool.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Pool \"" + pool.fqdn() + "\" is "
                        + "not available: no Front End server answers. Fail back once the pool runs again.");
            }
            requireCentralManagementStore(pool);
            Direction back = state.directions().get(backup.fqdn());
            if (back == null || back.pendingSince() != null || back.finalState()) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "The Backup Service between \""
                        + backup.fqdn() + "\" and \"" + pool.fqdn() + "\" is not in steady state. Wait until "
                        + "Get-CsBackupServiceStatus reports steady state in both directions (or run "
                        + "Invoke-CsBackupServiceSync -PoolFqdn " + backup.fqdn() + "), then fail back.");
            }
            Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
            int users;
            try (Connection from = farm.databases().open(backup.backEnd(), LyncDatabase.RTCXDS.databaseName());
                 Connection to = farm.databases().open(farm.mirroredBackEnds().userStore(pool), LyncDatabase.RTCXDS.databaseName())) {
                for (Map.Entry<String, String> t : USER_TABLES.entrySet()) {
                    rows.put(t.getKey(), select(from, t.getKey(), t.getValue(), pool.fqdn()));
                }
                users = replace(to, pool.fqdn(), rows);
                delete(from, pool.fqdn());
            } catch (SQLException e) {
                throw new SqlServerException(e.getMessage(), e);
            }
            farm.state().write(farm.layout().replica(pool.fqdn()), rows);
            state.failedOver().remove(pool.fqdn());
            state.directions().put(pool.fqdn(), new Direction(Instant.now(), null, false));
            write(state);
            return "Failed back " + users + " users of pool " + pool.fqdn() + " from " + backup.fqdn() + ".";
        }
    }

    Map<String, String> failedOver() {
        return Map.copyOf(state().failedOver());
    }

    // ------------------------------------------------------------------ Edge next hops

    Map<String, String> edgeNextHops() {
        return Map.copyOf(state().edgeNextHops());
    }

    /** {@code Set-CsEdgeServer -Registrar}: writes the Edge pool's next hop into the topology in the CMS. */
    void setNextHop(Pool edge, Pool registrar) {
        synchronized (farm.state().lock()) {
            LabCms.locate(farm).requireTopology();
            State state = state();
            state.edgeNextHops().put(edge.fqdn(), registrar.fqdn());
            write(state);
        }
    }

    // ------------------------------------------------------------------ the Central Management store

    /** The pool whose Back End holds the active Central Management store (the SCP's instance). */
    Optional<Pool> centralManagementPool() {
        return farm.centralManagementStoreLocation().flatMap(store -> farm.topology().pools()
                .filter(p -> store.equals(p.backEnd())).findFirst());
    }

    /** Whether the active Central Management store answers. */
    boolean centralManagementStoreAvailable() {
        Optional<SqlStoreRef> store = farm.centralManagementStoreLocation();
        return store.isPresent() && farm.databases().installed(store.get()) && !farm.databases().offline(store.get().fqdn());
    }

    private void requireCentralManagementStore(Pool pool) {
        if (!centralManagementStoreAvailable()) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Cannot connect to the Central "
                    + "Management store" + farm.centralManagementStoreLocation().map(s -> " on " + s.display()).orElse("")
                    + ". The Central Management store is not fully failed over: fail it over to the backup pool "
                    + "(Invoke-CsManagementServerFailover) before running this cmdlet for \"" + pool.fqdn() + "\".");
        }
    }

    /** The Lync servers that keep a replica of the CMS, with whether it is up to date. */
    Map<String, Boolean> replicas() {
        boolean available = centralManagementStoreAvailable();
        Set<String> down = new LinkedHashSet<>();
        for (String p : state().offlinePools()) {
            down.addAll(hostsOf(pool(p)));
        }
        Map<String, Boolean> replicas = new LinkedHashMap<>();
        farm.topology().pools().forEach(p -> p.servers().forEach(s -> replicas.put(s, available && !down.contains(s))));
        return replicas;
    }

    // ------------------------------------------------------------------ users

    /** A user signs in: the pool serving them must answer and hold their data. */
    SignIn signIn(String sipUri) {
        String sip = normalise(sipUri);
        State state = state();
        for (Pool pool : farm.topology().pools().filter(p -> p.kind().isRegistrar()).toList()) {
            if (state.offlinePools().contains(pool.fqdn())) {
                continue;
            }
            try (Connection c = farm.databases().open(farm.mirroredBackEnds().userStore(pool), LyncDatabase.RTCXDS.databaseName())) {
                Optional<String[]> user = user(c, sip);
                if (user.isEmpty()) {
                    continue;
                }
                String home = user.get()[1];
                String serving = state.failedOver().getOrDefault(home, home);
                if (!serving.equals(pool.fqdn())) {
                    continue;
                }
                return new SignIn(sip, home, serving, contacts(c, Integer.parseInt(user.get()[0])));
            } catch (SQLException e) {
                throw new SqlServerException(e.getMessage(), e);
            } catch (SqlServerException e) {
                // the pool's Back End does not answer (a lost principal not failed over): it serves nobody
                continue;
            }
        }
        throw new IllegalStateException(sip + " cannot sign in: no running pool serves this user. Their home pool is "
                + "down and its users were not failed over to its backup pool (Invoke-CsPoolFailover), or the user does "
                + "not exist.");
    }

    /** The SIP URIs of the users homed on the pool, as its Back End holds them (the pool must answer). */
    List<String> usersHomedOn(String poolFqdn) {
        Pool pool = pool(poolFqdn);
        if (!pool.kind().isRegistrar()) {
            throw new IllegalArgumentException("'" + poolFqdn + "' is not a Front End pool or Standard Edition server");
        }
        List<String> users = new ArrayList<>();
        try (Connection c = farm.databases().open(farm.mirroredBackEnds().userStore(pool), LyncDatabase.RTCXDS.databaseName());
             PreparedStatement ps = c.prepareStatement("SELECT sip_uri FROM users WHERE registrar_pool = ? ORDER BY sip_uri")) {
            ps.setString(1, pool.fqdn());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        } catch (SqlServerException e) {
            throw new IllegalStateException("the Back End of " + pool.fqdn() + " does not answer: " + e.getMessage());
        }
        return users;
    }

    /** A signed-in user adds a contact: a change on the pool serving them, which the Backup Service copies later. */
    SignIn addContact(String sipUri, String contactUri) {
        SignIn signedIn = signIn(sipUri);
        Pool serving = pool(signedIn.servingPool());
        String contact = normalise(contactUri);
        try (Connection c = farm.databases().open(farm.mirroredBackEnds().userStore(serving), LyncDatabase.RTCXDS.databaseName())) {
            int id = Integer.parseInt(user(c, signedIn.sipUri()).orElseThrow()[0]);
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO contacts (user_id, contact_uri, group_id, "
                    + "display_name) KEY (user_id, contact_uri) VALUES (?, ?, 1, ?)")) {
                ps.setInt(1, id);
                ps.setString(2, contact);
                ps.setString(3, contact.substring(4));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
        synchronized (farm.state().lock()) {
            State state = state();
            String direction = signedIn.servingPool();
            Direction d = state.directions().get(direction);
            if (d != null && d.pendingSince() == null && !d.finalState()) {
                state.directions().put(direction, new Direction(d.lastSyncAt(), Instant.now(), false));
                write(state);
            }
        }
        return signIn(sipUri);
    }

    private static String normalise(String sipUri) {
        String sip = sipUri == null ? "" : sipUri.strip().toLowerCase(Locale.ROOT);
        if (!sip.startsWith("sip:")) {
            sip = "sip:" + sip;
        }
        if (!sip.matches("sip:[a-z0-9._%+-]+@[a-z0-9.-]+")) {
            throw new IllegalArgumentException("'" + sipUri + "' is not a SIP URI (sip:user@domain)");
        }
        return sip;
    }

    private static Optional<String[]> user(Connection c, String sip) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, registrar_pool FROM users WHERE sip_uri = ?")) {
            ps.setString(1, sip);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    private static List<String> contacts(Connection c, int userId) throws SQLException {
        List<String> contacts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT contact_uri FROM contacts WHERE user_id = ? ORDER BY contact_uri")) {
            ps.setInt(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contacts.add(rs.getString(1));
                }
            }
        }
        return contacts;
    }

    // ------------------------------------------------------------------ rows

    private static List<Map<String, Object>> select(Connection c, String table, String userColumn, String homePool)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.* FROM " + table + " t WHERE t." + userColumn
                + " IN (SELECT user_id FROM users WHERE registrar_pool = ?)")) {
            ps.setString(1, homePool);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        int type = md.getColumnType(i);
                        Object value = type == Types.INTEGER || type == Types.BOOLEAN || type == Types.BIGINT
                                ? rs.getObject(i) : rs.getString(i);
                        row.put(md.getColumnName(i).toLowerCase(Locale.ROOT), value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Replaces the data of the users homed on {@code homePool} with {@code rows}; returns how many users. */
    private static int replace(Connection c, String homePool, Map<String, List<Map<String, Object>>> rows)
            throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            delete(c, homePool);
            for (String table : USER_TABLES.keySet()) {
                for (Map<String, Object> row : rows.getOrDefault(table, List.of())) {
                    List<String> columns = new ArrayList<>(row.keySet());
                    String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                            + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < columns.size(); i++) {
                            ps.setObject(i + 1, row.get(columns.get(i)));
                        }
                        ps.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return rows.getOrDefault("users", List.of()).size();
    }

    private static void delete(Connection c, String homePool) throws SQLException {
        List<String> tables = new ArrayList<>(USER_TABLES.keySet());
        java.util.Collections.reverse(tables);
        for (String table : tables) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + USER_TABLES.get(table)
                    + " IN (SELECT user_id FROM users WHERE registrar_pool = ?)")) {
                ps.setString(1, homePool);
                ps.executeUpdate();
            }
        }
    }

    // ------------------------------------------------------------------ topology

    Pool pool(String fqdn) {
        return farm.topology().pool(fqdn).orElseThrow(() -> new IllegalArgumentException("'" + fqdn
                + "' is not a pool of the lab farm; pools: " + String.join(", ",
                farm.topology().pools().map(Pool::fqdn).toList())));
    }

    Pool backupOf(Pool pool) {
        return farm.topology().backupPoolOf(pool).orElseThrow(() -> new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                "Pool \"" + pool.fqdn() + "\" has no backup pool. Pair it with another pool in Topology Builder "
                        + "(Resiliency: Associated backup pool) and publish the topology first."));
    }

    private List<String> sitePools(String site) {
        List<String> pools = farm.topology().sites().stream().filter(s -> s.name().equalsIgnoreCase(site))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + site + "' is not a site of the lab "
                        + "farm; sites: " + String.join(", ", farm.topology().sites().stream()
                        .map(org.lyncrunbooks.topology.Site::name).toList())))
                .pools().stream().map(Pool::fqdn).toList();
        return pools;
    }

    /** The machines that go down with a pool: its servers and the host of its Back End. */
    private static List<String> hostsOf(Pool pool) {
        List<String> hosts = new ArrayList<>(pool.servers());
        if (pool.backEnd() != null && !hosts.contains(pool.backEnd().fqdn())) {
            hosts.add(pool.backEnd().fqdn());
        }
        return hosts;
    }
}
