package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyReader;
import org.lyncrunbooks.topology.TopologyWriter;
import org.lyncrunbooks.topology.TopologySource;

/**
 * The lab farm: a stand-in for a Lync Server 2013 deployment kept in a local folder, generated once from a seed.
 * It supplies the lab topology, and lets tests and the recovery runbook read databases, break the farm
 * (destroy a server, a SQL instance, a file store) and do the manual rebuild steps people do on real machines
 * (install the OS, SQL Server, a certificate; run the Deployment Wizard).
 *
 * <p>Cmdlets ({@link LabShell}) and SQL actions ({@link LabSqlServer}) run in parallel with each other; the
 * failure and rebuild methods here wait for them and run alone.
 */
public class LabFarm implements TopologySource {

    private static final int CERTIFICATE_VALIDITY_DAYS = 365;

    private final LabProperties properties;
    private final FarmLayout layout;
    private final StateFiles state = new StateFiles();
    private final LabDatabases databases;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Transcript transcript;
    private final BackupHistory backupHistory;
    private final ShellAccount shellAccount;
    private final PairedPools pairedPools = new PairedPools(this);
    private final MirroredBackEnds mirroredBackEnds = new MirroredBackEnds(this);
    private volatile Topology topology;
    private volatile Map<String, FarmHosts.Host> hosts;

    public LabFarm(LabProperties properties) {
        this.properties = properties;
        this.layout = new FarmLayout(properties.directory());
        this.databases = new LabDatabases(layout, state);
        this.transcript = new Transcript(layout.transcript());
        this.backupHistory = new BackupHistory(layout, state);
        this.shellAccount = new ShellAccount(layout.root(), state);
    }

    /** The farm's folder (absolute). */
    public Path directory() {
        return layout.root();
    }

    public LabProperties properties() {
        return properties;
    }

    /** The lab topology file; generates the farm first when it has not been generated yet. */
    @Override
    public Path topologyFile() {
        topology();
        return layout.topologyFile();
    }

    /** The lab topology, generating the farm first when needed. */
    public Topology topology() {
        Topology current = topology;
        if (current == null) {
            synchronized (this) {
                if (topology == null) {
                    if (!Files.isRegularFile(layout.topologyFile())) {
                        exclusive(() -> {
                            new FarmGenerator(layout, state, databases, properties).generate();
                            return null;
                        });
                    }
                    Topology read = TopologyReader.read(Files.isRegularFile(layout.publishedTopologyFile())
                            ? layout.publishedTopologyFile() : layout.topologyFile());
                    hosts = FarmHosts.of(read);
                    topology = read;
                }
                current = topology;
            }
        }
        return current;
    }

    /** Every row of a database, tables by name and rows in a fixed order, for comparing before and after. */
    public Map<String, List<Map<String, Object>>> tables(SqlStoreRef store, String database) {
        topology();
        return shared(() -> databases.tables(store, database));
    }

    /** The SQL instance the AD service connection point names as the Central Management store, if set. */
    public Optional<SqlStoreRef> centralManagementStoreLocation() {
        topology();
        return state.readIfExists(layout.cmsScp(), Map.class)
                .map(scp -> new SqlStoreRef(String.valueOf(scp.get("sqlServerFqdn")),
                        String.valueOf(scp.get("sqlInstanceName"))));
    }

    /**
     * Whether the locations clients get are what the Central Management store's lis database holds now: true after
     * Publish-CsLisConfiguration, false after an Import-CsLisConfiguration that was not published.
     */
    public boolean lisPublished() {
        topology();
        return shared(() -> centralManagementStoreLocation().map(store -> LisPublication.current(databases, store))
                .orElse(false));
    }

    /**
     * The full backup a database's next differential backup would be based on, as {@code msdb} says: the DBA's own
     * nightly full backup in the generated farm, or the last backup taken without {@code COPY_ONLY}.
     */
    public Optional<String> differentialBase(SqlStoreRef store, String database) {
        topology();
        return shared(() -> backupHistory.differentialBase(store, database)
                .map(e -> e.file() + " (taken by " + e.takenBy() + " at " + e.finishedAt() + ")"));
    }

    /** One JSON line per cmdlet run: time, the cmdlet line (or the refused script), exit code. */
    public Path transcriptFile() {
        return layout.transcript();
    }

    // ------------------------------------------------------------------ failures

    /**
     * The machine is lost: its state, every SQL instance on it and every file store it shares are gone. Its AD
     * computer account stays, so a rebuild reuses the FQDN; the lab DNS stops resolving it until an operating
     * system is installed again.
     */
    public void destroyServer(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        exclusive(() -> {
            wipeMachine(host);
            state.write(layout.serverFile(host.fqdn()), blank(host, false));
            return null;
        });
    }

    /** The SQL Server instance is lost with all its databases: its folder is deleted. */
    public void destroySqlInstance(SqlStoreRef store) {
        topology();
        Path dir = instanceDir(store);
        exclusive(() -> {
            deleteTree(dir);
            return null;
        });
    }

    /** The service connection point of the CMS disappears from AD (R4 step 7 sets it again). */
    public void deleteCentralManagementStoreLocation() {
        topology();
        exclusive(() -> {
            state.delete(layout.cmsScp());
            return null;
        });
    }

    /** The file store's content is lost (the tree is emptied; the share's folder stays), and with it its ACLs. */
    public void wipeFileStore(String name) {
        FileStore store = fileStore(name);
        exclusive(() -> {
            emptyFileStore(store);
            return null;
        });
    }

    /**
     * The pool fails as a whole (a power or network loss): its servers and its Back End stop answering, with their
     * disks kept. {@link #repairPool} brings it back as it was.
     */
    public void failPool(String fqdn) {
        topology();
        pairedPools.failPool(fqdn);
    }

    /** Every pool of the site fails (see {@link #failPool}); returns the pools. */
    public List<String> failSite(String site) {
        topology();
        return pairedPools.failSite(site);
    }

    /** The pool answers again, with its data as it was when it failed. */
    public void repairPool(String fqdn) {
        topology();
        pairedPools.repairPool(fqdn);
    }

    /** Every pool of the site answers again; returns the pools. */
    public List<String> repairSite(String site) {
        topology();
        return pairedPools.repairSite(site);
    }

    /**
     * One SQL Server of a mirrored Back End (its principal, its mirror or the witness) stops answering, with its disks
     * kept; with a witness still answering, the databases it was principal for fail over to the mirror on their own.
     */
    public void loseSqlServer(String fqdn) {
        topology();
        exclusive(() -> {
            mirroredBackEnds.loseHost(fqdn);
            return null;
        });
    }

    /** The lost SQL Server answers again, as it was (with the databases it held). */
    public void repairSqlServer(String fqdn) {
        topology();
        exclusive(() -> {
            mirroredBackEnds.repairHost(fqdn);
            return null;
        });
    }

    /** Whether the SQL Server host was lost and neither repaired nor rebuilt since. */
    public boolean sqlServerLost(String fqdn) {
        topology();
        return mirroredBackEnds.state().lostHosts().contains(fqdn.strip().toLowerCase(Locale.ROOT));
    }

    /** The lost SQL Server is rebuilt with the same FQDN and instance names: its instances answer and hold nothing. */
    public List<String> rebuildSqlServer(String fqdn) {
        topology();
        return exclusive(() -> mirroredBackEnds.rebuildHost(fqdn));
    }

    /** Whether the pool has failed and not been repaired. */
    public boolean poolFailed(String fqdn) {
        topology();
        return pairedPools.offline(fqdn);
    }

    /** The pools whose users are failed over, each with the pool serving them. */
    public Map<String, String> failedOverPools() {
        topology();
        return pairedPools.failedOver();
    }

    /** The next hop of each Edge pool as the Central Management store's topology now says. */
    public Map<String, String> edgeNextHops() {
        topology();
        return pairedPools.edgeNextHops();
    }

    /**
     * A user signs in with the Lync client: the pool serving them (their home pool, or its backup pool after a
     * failover) must answer and hold their data. Returns where they signed in and their contact list.
     *
     * @throws IllegalStateException saying why they cannot sign in
     */
    public UserSignIn signIn(String sipUri) {
        topology();
        PairedPools.SignIn s = shared(() -> pairedPools.signIn(sipUri));
        return new UserSignIn(s.sipUri(), s.homePool(), s.servingPool(), s.contacts());
    }

    /** A signed-in user adds a contact, on the pool serving them; the Backup Service copies it at its next sync. */
    public UserSignIn addContact(String sipUri, String contactUri) {
        topology();
        PairedPools.SignIn s = shared(() -> pairedPools.addContact(sipUri, contactUri));
        return new UserSignIn(s.sipUri(), s.homePool(), s.servingPool(), s.contacts());
    }

    /** The SIP URIs of the users homed on a Front End pool; fails when its Back End does not answer. */
    public List<String> usersHomedOn(String poolFqdn) {
        topology();
        return shared(() -> pairedPools.usersHomedOn(poolFqdn));
    }

    /** A user's sign-in: their home pool, the pool that served it, and their contacts. */
    public record UserSignIn(String sipUri, String homePool, String servingPool, List<String> contacts) {
    }

    /**
     * Damages a database in a way no checksum sees ({@link DatabaseDamage}): a backup taken afterwards verifies, and
     * only {@code DBCC CHECKDB} on a restored copy finds the damage. Returns what was done.
     */
    public String damageDatabase(SqlStoreRef store, String database, DatabaseDamage damage) {
        topology();
        if (damage == null) {
            throw new IllegalArgumentException("a kind of damage is required: " + java.util.Arrays.toString(DatabaseDamage.values()));
        }
        return exclusive(() -> {
            String name = databases.catalogName(store, database).orElseThrow(() -> new IllegalArgumentException(
                    "no database '" + database + "' on lab instance " + store.display()));
            LyncDatabase schema = Schemas.database(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + name + "' is not a Lync database the lab knows the schema of"));
            try (java.sql.Connection c = databases.open(store, name)) {
                return LabConsistency.damage(c, schema, damage);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot damage " + store.display() + "/" + name + ": " + e.getMessage(), e);
            }
        });
    }

    // ------------------------------------------------------------------ growing the farm

    /**
     * An administrator adds a Front End pool in Topology Builder, publishes the topology and deploys the pool: its
     * servers are installed and running, and a Back End that the farm does not have yet is created with the Back End
     * databases (its users are the pool's own). The product's topology file is not touched: {@code Get-CsTopology}
     * shows the pool, the file does not.
     *
     * @param kind     {@code enterprise} or {@code standard}
     * @param servers  the Front End servers (ignored for a Standard Edition server, which is its own pool)
     * @param backEnd  the Back End SQL instance ({@code fqdn\instance}); for a Standard Edition server, its own
     * @param fileStore the name of a file store of the farm, or null
     */
    public Pool addPool(String site, String fqdn, String kind, List<String> servers, String backEnd, String fileStore) {
        Topology before = topology();
        PoolKind poolKind = "standard".equalsIgnoreCase(kind) ? PoolKind.STANDARD
                : "enterprise".equalsIgnoreCase(kind) || kind == null ? PoolKind.ENTERPRISE : null;
        if (poolKind == null) {
            throw new IllegalArgumentException("kind must be enterprise or standard, not '" + kind + "'");
        }
        if (!FarmLayout.isFqdn(fqdn)) {
            throw new IllegalArgumentException("'" + fqdn + "' is not a pool FQDN");
        }
        String siteName = site == null || site.isBlank() ? before.sites().get(0).name() : site.strip();
        SqlStoreRef store = parseStore(backEnd == null && poolKind == PoolKind.STANDARD ? fqdn + "\\rtc" : backEnd);
        List<String> members = poolKind == PoolKind.STANDARD ? List.of(fqdn.toLowerCase(Locale.ROOT))
                : servers == null ? List.of() : servers.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        Pool pool = new Pool(fqdn.toLowerCase(Locale.ROOT), poolKind, siteName, members, store, false, true,
                fileStore == null || fileStore.isBlank() ? null : fileStore.strip(), null, null);
        List<org.lyncrunbooks.topology.Site> sites = new ArrayList<>();
        boolean placed = false;
        for (org.lyncrunbooks.topology.Site s : before.sites()) {
            if (s.name().equals(siteName)) {
                List<Pool> pools = new ArrayList<>(s.pools());
                pools.add(pool);
                sites.add(new org.lyncrunbooks.topology.Site(s.name(), pools));
                placed = true;
            } else {
                sites.add(s);
            }
        }
        if (!placed) {
            sites.add(new org.lyncrunbooks.topology.Site(siteName, List.of(pool)));
        }
        List<SqlStore> stores = new ArrayList<>(before.sqlStores());
        if (before.sqlStore(store).isEmpty()) {
            stores.add(new SqlStore(store.fqdn(), store.instance(), poolKind == PoolKind.STANDARD, List.of(
                    LyncDatabase.RTCXDS, LyncDatabase.RTCSHARED, LyncDatabase.RTCAB, LyncDatabase.RTCDYN,
                    LyncDatabase.RGSCONFIG, LyncDatabase.RGSDYN, LyncDatabase.CPSDYN)));
        }
        publish(before, new Topology(before.name(), before.backupShare(), sites, stores, before.fileStores(), null,
                null, before.simpleUrls()));
        return topology().pool(fqdn).orElseThrow();
    }

    /**
     * A SQL Server instance with Lync databases added to the farm (an Archiving/Monitoring store, say): installed,
     * its databases created with rows, and published in the topology.
     */
    public SqlStore addSqlStore(String fqdn, String instance, List<String> databaseNames) {
        Topology before = topology();
        SqlStoreRef ref = parseStore(fqdn + "\\" + instance);
        if (before.sqlStore(ref).isPresent()) {
            throw new IllegalStateException("the farm already has SQL instance " + ref.display());
        }
        if (databaseNames == null || databaseNames.isEmpty()) {
            throw new IllegalArgumentException("list the Lync databases of the new instance, e.g. [LcsLog, LcsCDR, QoEMetrics]");
        }
        List<LyncDatabase> dbs = new ArrayList<>();
        for (String name : databaseNames) {
            dbs.add(LyncDatabase.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "'" + name + "' is not a Lync database")));
        }
        List<SqlStore> stores = new ArrayList<>(before.sqlStores());
        stores.add(new SqlStore(ref.fqdn(), ref.instance(), false, dbs));
        publish(before, new Topology(before.name(), before.backupShare(), before.sites(), stores, before.fileStores(),
                null, null, before.simpleUrls()));
        return topology().sqlStore(ref).orElseThrow();
    }

    /** A file store added to the farm: the share {@code \\<server>\<share>} created with files and its ACLs, published. */
    public FileStore addFileStore(String name, String serverFqdn, String share) {
        Topology before = topology();
        Path dir = layout.fileStoreDir(name);
        if (before.fileStore(name).isPresent() || Files.exists(dir)) {
            throw new IllegalStateException("the farm already has a file store named '" + name + "'");
        }
        if (!FarmLayout.isFqdn(serverFqdn)) {
            throw new IllegalArgumentException("'" + serverFqdn + "' is not a file server FQDN");
        }
        if (share == null || !share.matches("[A-Za-z0-9][A-Za-z0-9_$-]{0,79}")) {
            throw new IllegalArgumentException("'" + share + "' is not a share name");
        }
        String unc = "\\\\" + serverFqdn.toLowerCase(Locale.ROOT) + "\\" + share;
        List<FileStore> fileStores = new ArrayList<>(before.fileStores());
        fileStores.add(new FileStore(name, unc, dir));
        try {
            Files.createDirectories(dir);
            publish(before, new Topology(before.name(), before.backupShare(), before.sites(), before.sqlStores(),
                    fileStores, null, null, before.simpleUrls()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        return topology().fileStore(name).orElseThrow();
    }

    /**
     * Publishes {@code after} (validated as a topology file first), then builds what it adds: a new topology document
     * in the Central Management store, the machines, instances and file trees, and the lab's record of the farm.
     */
    private void publish(Topology before, Topology after) {
        String yaml = TopologyWriter.write(after, List.of("The lab farm as it is now (generated, then grown through "
                + "the lab API). The product's topology file is " + layout.topologyFile().getFileName() + "."));
        Path draft = layout.root().resolve("published-topology.yaml.new");
        writeText(draft, yaml);
        Topology validated;
        try {
            validated = TopologyReader.read(draft);
        } catch (RuntimeException e) {
            state.delete(draft);
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        exclusive(() -> {
            LabCms cms = LabCms.locate(this);
            try (java.sql.Connection xds = cms.openXds()) {
                int version = cms.requireTopology(xds);
                try (java.sql.PreparedStatement ps = xds.prepareStatement("INSERT INTO topology_document "
                        + "(version, published_at, published_by, document) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, version + 1);
                    ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now()));
                    ps.setString(3, "CONTOSO\\lyncadmin");
                    ps.setString(4, TopologyXml.of(validated));
                    ps.executeUpdate();
                }
            } catch (java.sql.SQLException e) {
                state.delete(draft);
                throw new IllegalStateException("Topology Builder could not publish the topology to the Central "
                        + "Management store " + cms + ": " + e.getMessage(), e);
            }
            new FarmGenerator(layout, state, databases, properties).add(before, validated);
            try {
                StateFiles.moveInto(draft, layout.publishedTopologyFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (this) {
                Topology read = TopologyReader.read(layout.publishedTopologyFile());
                hosts = FarmHosts.of(read);
                topology = read;
            }
            return null;
        });
    }

    private static SqlStoreRef parseStore(String value) {
        int slash = value == null ? -1 : value.indexOf('\\');
        if (slash <= 0 || slash == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' is not a SQL Server instance (fqdn\\instance)");
        }
        return new SqlStoreRef(value.substring(0, slash).toLowerCase(Locale.ROOT), value.substring(slash + 1));
    }

    // ------------------------------------------------------------------ manual rebuild steps

    /** A clean machine with the same FQDN: an operating system and nothing else (no SQL, no Lync, no files). */
    public void installOperatingSystem(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        exclusive(() -> {
            wipeMachine(host);
            state.write(layout.serverFile(host.fqdn()), blank(host, true));
            return null;
        });
    }

    /** SQL Server installed with this instance name on a machine that has an operating system, with setup's folders. */
    public void installSqlServer(SqlStoreRef store, String productVersion) {
        installSqlServer(store, productVersion, null, null);
    }

    /**
     * SQL Server installed with this instance name, its default data and log folders set by the DBA (null: setup's
     * default, {@code C:\Program Files\Microsoft SQL Server\MSSQL11.<INSTANCE>\MSSQL\DATA}).
     */
    public void installSqlServer(SqlStoreRef store, String productVersion, String dataFolder, String logFolder) {
        topology();
        Path dir = instanceDir(store);
        if (productVersion == null || productVersion.isBlank()) {
            throw new IllegalArgumentException("a SQL Server product version is required, e.g. 11.0.7001.0");
        }
        exclusive(() -> {
            requireOperatingSystem(store.fqdn());
            if (Files.exists(dir.resolve("instance.json"))) {
                throw new IllegalStateException("SQL Server instance " + store.display() + " is already installed");
            }
            String setupDefault = LabDatabases.setupDefaultFolder(store, productVersion);
            databases.installInstance(store, productVersion, blankTo(dataFolder, setupDefault), blankTo(logFolder, setupDefault));
            return null;
        });
    }

    /**
     * Re-enrols the server's certificate from the lab CA: a real X.509 certificate (a new thumbprint, valid for a
     * year) naming the server, its pool and the pool's simple URLs, whose PEM {@link #certificatePem} returns.
     */
    public ServerState.Certificate installCertificate(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        requireLyncServer(host);
        shared(() -> requireOperatingSystem(host.fqdn()));
        ServerState.Certificate certificate = newCertificate(host);
        installCertificate(fqdn, certificate);
        return certificate;
    }

    /**
     * Re-enrols an Edge server's external certificate from the lab CA (standing in for the public CA): subject its
     * Access Edge FQDN, alternative names its Access, Web Conferencing and A/V Edge FQDNs from the topology.
     */
    public ServerState.Certificate installExternalCertificate(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        List<String> names = FarmHosts.externalNames(host.pool());
        if (names.isEmpty()) {
            throw new IllegalArgumentException(fqdn + " is not an Edge server: only Edge servers carry an external "
                    + "certificate");
        }
        shared(() -> requireOperatingSystem(host.fqdn()));
        ServerState.Certificate certificate = issue(names.get(0), names);
        exclusive(() -> {
            ServerState machine = requireOperatingSystem(host.fqdn());
            state.write(layout.serverFile(host.fqdn()), machine.withExternalCertificate(certificate));
            placePem(certificate, layout.externalCertificateFile(host.fqdn()));
            return null;
        });
        return certificate;
    }

    /** The PEM of an Edge server's external certificate, as an operator exports it. */
    public String externalCertificatePem(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        return shared(() -> {
            if (machine(host).externalCertificate() == null) {
                throw new IllegalStateException(host.fqdn() + " has no external certificate installed");
            }
            try {
                return Files.readString(layout.externalCertificateFile(host.fqdn()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("the external certificate of " + host.fqdn() + " is a record of the "
                        + "generated farm, not a real certificate; installExternalCertificate issues a real one", e);
            }
        });
    }

    /**
     * A SQL Server or file server has no Lync Server role and so no Lync certificate: its SQL Server and file shares
     * use none that Lync requests (the Deployment Wizard's step 3 runs on Lync servers only).
     */
    private static void requireLyncServer(FarmHosts.Host host) {
        if (host.pool() == null) {
            throw new IllegalStateException(host.fqdn() + " has no Lync Server role (" + String.join(", ", host.roles())
                    + "): it never had a Lync certificate, so there is none to restore or re-enrol");
        }
    }

    /**
     * Imports a certificate restored from a backup with its private key. When the lab CA issued it, its PEM comes
     * with it; a certificate of the generated farm is a record only and has none.
     */
    public void installCertificate(String fqdn, ServerState.Certificate certificate) {
        FarmHosts.Host host = host(fqdn);
        if (certificate == null) {
            throw new IllegalArgumentException("certificate is required");
        }
        exclusive(() -> {
            ServerState machine = requireOperatingSystem(host.fqdn());
            state.write(layout.serverFile(host.fqdn()), machine.withCertificate(certificate));
            placeCertificatePem(host, certificate);
            return null;
        });
    }

    /**
     * The PEM of the certificate installed on the machine, as an operator exports it from the Certificates MMC.
     *
     * @throws IllegalStateException when the machine has no certificate, or only a generated record of one (the
     *                               generated farm's certificates are not real; {@link #installCertificate(String)}
     *                               issues a real one)
     */
    public String certificatePem(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        return shared(() -> {
            ServerState.Certificate certificate = machine(host).certificate();
            if (certificate == null) {
                throw new IllegalStateException(host.fqdn() + " has no certificate installed");
            }
            try {
                return Files.readString(layout.certificateFile(host.fqdn()), StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("the certificate of " + host.fqdn() + " (thumbprint "
                        + certificate.thumbprint() + ") is a record of the generated farm, not a real certificate; "
                        + "installCertificate issues a real one", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * "Prepare first Standard Edition server" in the Deployment Wizard (R4 step 4 on Standard Edition): installs SQL
     * Server Express with the server's instance (setup's default folders) and creates the Central Management store in
     * it, xds and lis, with the rows setup writes ({@link Schemas#setupRows}).
     */
    public void prepareFirstStandardEditionServer(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        Pool pool = host.pool();
        if (pool == null || pool.kind() != PoolKind.STANDARD || pool.backEnd() == null) {
            throw new IllegalArgumentException(fqdn + " is not a Standard Edition server of the topology");
        }
        exclusive(() -> {
            requireOperatingSystem(host.fqdn());
            SqlStoreRef local = pool.backEnd();
            if (!databases.installed(local)) {
                databases.installInstance(local, LabDatabases.SQL_2012_SP4);
            }
            databases.installCentralManagementStore(local, false);
            return null;
        });
    }

    /**
     * Deployment Wizard steps 1–4 on a Lync server (R3, R4, R8): install the local configuration store from the
     * CMS, install the components with a new service instance id (on a Standard Edition server this also
     * installs SQL Server Express and creates the collocated databases that are missing, empty), assign a
     * certificate (the installed one, else one requested from the lab CA), start the services.
     *
     * @throws IllegalStateException when a step cannot run, e.g. no operating system or no reachable CMS
     */
    public void runDeploymentWizard(String fqdn) {
        runDeploymentWizard(fqdn, null);
    }

    /**
     * Deployment Wizard steps 1–4 on a Lync server; on an Edge server step 1 imports the configuration from
     * {@code configurationFile} ("Import from a file (Recommended for Edge Servers)", P7, P8): an Edge server is not in
     * the internal domain and cannot read the Central Management store.
     */
    public void runDeploymentWizard(String fqdn, Path configurationFile) {
        FarmHosts.Host host = host(fqdn);
        if (host.pool() != null && host.pool().kind() == PoolKind.EDGE) {
            if (configurationFile == null) {
                throw new IllegalStateException("Deployment Wizard step 1 (Install Local Configuration Store) failed on "
                        + host.fqdn() + ": an Edge server is not in the internal domain and cannot reach the Central "
                        + "Management store; import the configuration from a file exported inside the network (P7)");
            }
            try {
                ExportReader.metaData(configurationFile, ExportKind.CONFIGURATION);
                Path local = layout.serversDir().resolve(host.fqdn()).resolve("localstore");
                Files.createDirectories(local);
                Files.copy(configurationFile, local.resolve("CsConfiguration.zip"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (CmdletFailure e) {
                throw new IllegalStateException("Deployment Wizard step 1 (Import from a file) failed on " + host.fqdn()
                        + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException("Deployment Wizard step 1 (Import from a file) failed on " + host.fqdn()
                        + ": cannot read " + configurationFile + ": " + e.getMessage(), e);
            }
        }
        if (host.pool() == null) {
            throw new IllegalArgumentException(fqdn + " is not a Lync server of the topology; the Deployment Wizard "
                    + "installs Lync Server components on pool members only");
        }
        // issuing takes keytool a second: do it before the farm is locked, and only when step 3 will need it
        ServerState before = serverState(host.fqdn());
        ServerState.Certificate requested = before.operatingSystemInstalled() && before.certificate() == null
                ? newCertificate(host) : null;
        exclusive(() -> {
            ServerState machine = requireOperatingSystem(host.fqdn());
            Pool pool = host.pool();
            if (pool.kind() != PoolKind.EDGE) {
                try {
                    LabCms.locate(this).requireTopology();
                } catch (CmdletFailure | SqlServerException e) {
                    throw new IllegalStateException("Deployment Wizard step 1 (Install Local Configuration Store) failed on "
                            + host.fqdn() + ": the Central Management store cannot be read: " + e.getMessage(), e);
                }
            }
            machine = machine.withLocalStore().withComponents(UUID.randomUUID().toString());
            if (pool.kind() == PoolKind.STANDARD && pool.backEnd() != null
                    && pool.backEnd().fqdn().equalsIgnoreCase(host.fqdn())) {
                SqlStoreRef local = pool.backEnd();
                if (!databases.installed(local)) {
                    databases.installInstance(local, LabDatabases.SQL_2012_SP4);
                }
                SqlStore store = topology.sqlStore(local).orElseThrow();
                for (LyncDatabase db : store.databases()) {
                    databases.install(local, db, false);
                }
            }
            if (machine.certificate() == null) {
                machine = machine.withCertificate(requested != null ? requested : newCertificate(host));
                placeCertificatePem(host, machine.certificate());
            }
            if (machine.externalCertificate() == null && !FarmHosts.externalNames(pool).isEmpty()) {
                List<String> names = FarmHosts.externalNames(pool);
                machine = machine.withExternalCertificate(issue(names.get(0), names));
                placePem(machine.externalCertificate(), layout.externalCertificateFile(host.fqdn()));
            }
            state.write(layout.serverFile(host.fqdn()), machine);
            synchronized (state.lock()) {
                // step 4, Start Services: a Front End of a pool that is down waits in Starting for its pool
                startServices(host, FarmHosts.services(pool));
            }
            if (machine(host).runningServices().contains(FarmHosts.RESPONSE_GROUP_SERVICE)) {
                ResponseGroupService.started(this, pool);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ reading

    /** The machine's state; for a destroyed machine everything is false. */
    public ServerState serverState(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        return shared(() -> machine(host));
    }

    /**
     * The lab's DNS: true when the name belongs to a machine with an operating system, or is a pool name one of
     * whose servers has one.
     */
    public boolean resolves(String fqdn) {
        topology();
        if (!FarmLayout.isFqdn(fqdn)) {
            return false;
        }
        String name = fqdn.toLowerCase(Locale.ROOT);
        FarmHosts.Host host = hosts.get(name);
        if (host != null && databases.offline(name)) {
            return false;
        }
        if (host != null) {
            return serverState(name).operatingSystemInstalled();
        }
        return topology.pool(name).map(p -> p.servers().stream().anyMatch(this::resolves)).orElse(false);
    }

    /** Whether the file store share carries the ACLs Enable-CsTopology sets. */
    public boolean fileStoreAclsSet(String name) {
        fileStore(name);
        return Files.isRegularFile(layout.shareAclFile(name));
    }

    /** Takes {@code right} from the account the runbooks run cmdlets and T-SQL as (see {@link ShellAccount}). */
    public void revokeShellRight(ShellAccount.Right right) {
        topology();
        exclusive(() -> {
            shellAccount.revoke(right);
            return null;
        });
    }

    /** Gives {@code right} back to the runbooks' account. */
    public void grantShellRight(ShellAccount.Right right) {
        topology();
        exclusive(() -> {
            shellAccount.grant(right);
            return null;
        });
    }

    // ------------------------------------------------------------------ for the shell and the SQL client

    ShellAccount shellAccount() {
        return shellAccount;
    }

    PairedPools pairedPools() {
        return pairedPools;
    }

    MirroredBackEnds mirroredBackEnds() {
        return mirroredBackEnds;
    }

    /** Deletes a SQL instance's folder (a rebuilt machine); the caller holds the farm exclusively. */
    void deleteSqlInstanceFolder(SqlStoreRef store) {
        deleteTree(instanceDir(store));
    }

    FarmLayout layout() {
        return layout;
    }

    StateFiles state() {
        return state;
    }

    LabDatabases databases() {
        return databases;
    }

    Transcript transcript() {
        return transcript;
    }

    BackupHistory backupHistory() {
        return backupHistory;
    }

    Map<String, FarmHosts.Host> hosts() {
        topology();
        return hosts;
    }

    /** Runs an action that may run in parallel with other cmdlets and SQL actions. */
    <T> T shared(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T exclusive(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    FarmHosts.Host host(String fqdn) {
        topology();
        FarmHosts.Host host = fqdn == null ? null : hosts.get(fqdn.toLowerCase(Locale.ROOT));
        if (host == null) {
            throw new IllegalArgumentException("'" + fqdn + "' is not a machine of the lab farm; known: "
                    + String.join(", ", hosts.keySet()));
        }
        return host;
    }

    ServerState machine(FarmHosts.Host host) {
        return state.readIfExists(layout.serverFile(host.fqdn()), ServerState.class).orElseGet(() -> blank(host, false));
    }

    /**
     * Starts services on a machine; the caller holds the state lock. Other servers' services run at once; a Front
     * End's wait in Starting until its pool can start ({@link FrontEndQuorum}) and, in an Enterprise pool, until the
     * pool's Back End holds its user database (R9: the Back End before the Front Ends); every start that waits is woken.
     */
    void startServices(FarmHosts.Host host, List<String> targets) {
        Pool pool = host.pool();
        ServerState machine = machine(host);
        List<String> running = new ArrayList<>(machine.runningServices());
        List<String> starting = new ArrayList<>(machine.startingServices());
        boolean waitsForPool = FrontEndQuorum.applies(pool);
        boolean backEndDown = backEndUnreachable(pool).isPresent();
        for (String service : FarmHosts.services(pool)) {
            if (targets.contains(service) && !running.contains(service) && !starting.contains(service)) {
                (waitsForPool || backEndDown ? starting : running).add(service);
            }
        }
        if (!waitsForPool && !backEndDown && !starting.isEmpty()) {
            // a server of a one-server Enterprise pool that waited for its Back End: started again, it comes up
            starting.stream().filter(s -> !running.contains(s)).forEach(running::add);
            starting.clear();
        }
        state.write(layout.serverFile(host.fqdn()), machine.withRunningServices(running).withStartingServices(starting));
        if (waitsForPool && !backEndDown) {
            String lastStopped = state.readIfExists(layout.poolFile(pool.fqdn()), Map.class)
                    .map(m -> (String) m.get("lastStopped")).orElse(null);
            FrontEndQuorum.settle(pool, poolMachines(pool), lastStopped)
                    .forEach((server, settled) -> state.write(layout.serverFile(server), settled));
        }
        state.lock().notifyAll();
    }

    /**
     * Why an Enterprise pool's Front End service cannot start: its Back End's user database (rtcxds) cannot be
     * reached — the Back End is lost, or rebuilt without its databases yet. Empty for a pool whose Back End answers,
     * and for other pools.
     */
    Optional<String> backEndUnreachable(Pool pool) {
        SqlStoreRef backEnd = pool.backEnd();
        if (pool.kind() != PoolKind.ENTERPRISE || backEnd == null) {
            return Optional.empty();
        }
        if (databases.offline(backEnd.fqdn()) || !databases.installed(backEnd)) {
            return Optional.of("the Front End waits for its Back End: the database rtcxds on " + backEnd.display()
                    + " cannot be reached (" + LabDatabases.unreachable(backEnd) + ")");
        }
        if (!databases.exists(backEnd, "rtcxds")) {
            return Optional.of("the Front End waits for its Back End: the database rtcxds does not exist on "
                    + backEnd.display());
        }
        return Optional.empty();
    }

    /** Why a pool's Front End still waits in Starting: its Back End first, then the pool's quorum. */
    String frontEndWaiting(Pool pool) {
        return backEndUnreachable(pool).orElseGet(() -> FrontEndQuorum.waiting(pool, poolMachines(pool)));
    }

    /** Remembers the Front End whose service stopped last: a two-server pool may restart from it alone. */
    void frontEndStopped(Pool pool, String server) {
        if (FrontEndQuorum.applies(pool)) {
            state.write(layout.poolFile(pool.fqdn()), Map.of("lastStopped", server));
        }
    }

    /** The machines of a pool's servers, by FQDN. */
    Map<String, ServerState> poolMachines(Pool pool) {
        Map<String, ServerState> machines = new java.util.LinkedHashMap<>();
        for (String server : pool.servers()) {
            machines.put(server, machine(host(server)));
        }
        return machines;
    }

    /** The service instance ids the pool's servers currently run with (Response Group ownership, R13). */
    List<String> serviceInstanceIds(Pool pool) {
        List<String> ids = new ArrayList<>();
        for (String server : pool.servers()) {
            ServerState machine = machine(host(server));
            if (machine.operatingSystemInstalled() && machine.componentsInstalled() && machine.serviceInstanceId() != null) {
                ids.add(machine.serviceInstanceId());
            }
        }
        return ids;
    }

    private ServerState requireOperatingSystem(String fqdn) {
        FarmHosts.Host host = host(fqdn);
        ServerState machine = machine(host);
        if (!machine.operatingSystemInstalled()) {
            throw new IllegalStateException(
                    host.fqdn() + " has no operating system; install it first (installOperatingSystem)");
        }
        return machine;
    }

    private static ServerState blank(FarmHosts.Host host, boolean operatingSystem) {
        ServerState clean = new ServerState(host.fqdn(), host.roles(), host.pool() == null ? null : host.pool().fqdn(),
                false, false, false, null, null, List.of());
        return operatingSystem ? clean.withOperatingSystemOnly() : clean;
    }

    /** A real certificate from the lab CA, kept by the CA under its thumbprint. */
    private ServerState.Certificate newCertificate(FarmHosts.Host host) {
        return issue(host.fqdn(), FarmHosts.subjectAlternativeNames(topology(), host.fqdn(), host.pool()));
    }

    private ServerState.Certificate issue(String commonName, List<String> names) {
        LabCertificates.Issued issued = LabCertificates.issue(commonName, names, null, CERTIFICATE_VALIDITY_DAYS);
        writeText(layout.issuedCertificate(issued.thumbprint()), issued.pem());
        return new ServerState.Certificate(issued.thumbprint(), issued.subject(), names, issued.notAfter());
    }

    /** Puts the PEM of an installed certificate beside the machine's state, when the lab CA has it. */
    private void placeCertificatePem(FarmHosts.Host host, ServerState.Certificate certificate) {
        placePem(certificate, layout.certificateFile(host.fqdn()));
    }

    private void placePem(ServerState.Certificate certificate, Path installed) {
        Path issued = layout.issuedCertificate(certificate.thumbprint());
        try {
            if (Files.isRegularFile(issued)) {
                writeText(installed, Files.readString(issued, StandardCharsets.US_ASCII));
            } else {
                Files.deleteIfExists(installed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankTo(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            StateFiles.moveInto(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void wipeMachine(FarmHosts.Host host) {
        try (DirectoryStream<Path> instances = Files.newDirectoryStream(layout.sqlDir(), host.fqdn() + "_*")) {
            for (Path instance : instances) {
                deleteTree(instance);
            }
        } catch (NoSuchFileException e) {
            // no SQL instance was ever installed in this farm
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (FileStore store : topology.fileStores()) {
            if (store.serverFqdn().equalsIgnoreCase(host.fqdn())) {
                emptyFileStore(store);
            }
        }
        state.delete(layout.certificateFile(host.fqdn()));
        state.delete(layout.externalCertificateFile(host.fqdn()));
    }

    private void emptyFileStore(FileStore store) {
        try (Stream<Path> children = Files.list(store.mountPath())) {
            for (Path child : children.toList()) {
                deleteTree(child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        state.delete(layout.shareAclFile(store.name()));
    }

    private Path instanceDir(SqlStoreRef store) {
        Path dir = layout.instanceDir(store);
        if (dir == null) {
            throw new IllegalArgumentException("'" + store + "' is not a SQL Server instance (fqdn\\instance)");
        }
        return dir;
    }

    private FileStore fileStore(String name) {
        return topology().fileStore(name).orElseThrow(() -> new IllegalArgumentException(
                "no file store named '" + name + "' in the lab topology"));
    }

    private static void deleteTree(Path path) {
        try {
            FarmGenerator.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
