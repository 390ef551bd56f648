package org.lyncrunbooks.lab;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * Where each piece of the lab farm's state lives under its directory. Every name that becomes part of a path
 * is checked here first, so a hostile FQDN, instance or store name can never point outside the farm.
 */
final class FarmLayout {

    private static final Pattern FQDN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern SQL_INSTANCE = Pattern.compile("[a-z_][a-z0-9_$]{0,15}");
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-F]{40}");
    private static final Pattern STORE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path root;

    FarmLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (this.root.toString().contains(";")) {
            // H2 reads ';' in a JDBC URL as the start of a setting
            throw new IllegalArgumentException("lync.lab.directory must not contain ';': " + this.root);
        }
    }

    Path root() {
        return root;
    }

    Path topologyFile() {
        return root.resolve("topology.yaml");
    }

    /**
     * The farm as it is now, when an administrator added pools or stores to it after it was generated: the lab's own
     * record of what was published, which the product's topology file ({@link #topologyFile()}) does not follow.
     */
    Path publishedTopologyFile() {
        return root.resolve("published-topology.yaml");
    }

    Path cmsScp() {
        return root.resolve("ad").resolve("cms-scp.json");
    }

    Path rgsContacts() {
        return root.resolve("ad").resolve("rgs-contacts.json");
    }

    Path serversDir() {
        return root.resolve("servers");
    }

    Path serverFile(String fqdn) {
        return serversDir().resolve(fqdn(fqdn)).resolve("server.json");
    }

    /** What the lab remembers of a pool as a whole: which Front End was the last to stop. */
    Path poolFile(String fqdn) {
        return root.resolve("pools").resolve(fqdn(fqdn) + ".json");
    }

    /** The PEM of the certificate installed on a machine (absent when it has none, or only a record of one). */
    Path certificateFile(String fqdn) {
        return serversDir().resolve(fqdn(fqdn)).resolve("certificate.pem");
    }

    /** The PEM of an Edge server's external certificate (absent when it has none, or only a record of one). */
    Path externalCertificateFile(String fqdn) {
        return serversDir().resolve(fqdn(fqdn)).resolve("external-certificate.pem");
    }

    /** The lab CA's copy of a certificate it issued, by thumbprint, so that a restored certificate brings its PEM back. */
    Path issuedCertificate(String thumbprint) {
        if (thumbprint == null || !THUMBPRINT.matcher(thumbprint).matches()) {
            throw new IllegalArgumentException("'" + thumbprint + "' is not a certificate thumbprint");
        }
        return root.resolve("ca").resolve("issued").resolve(thumbprint + ".pem");
    }

    Path sqlDir() {
        return root.resolve("sql");
    }

    /** The folder of a SQL instance, or null when the name cannot be a SQL Server instance at all. */
    Path instanceDir(SqlStoreRef ref) {
        if (ref == null || ref.fqdn() == null || ref.instance() == null) {
            return null;
        }
        String fqdn = ref.fqdn().toLowerCase(Locale.ROOT);
        String instance = ref.instance().toLowerCase(Locale.ROOT);
        if (!FQDN.matcher(fqdn).matches() || !SQL_INSTANCE.matcher(instance).matches()) {
            return null;
        }
        return sqlDir().resolve(fqdn + "_" + instance);
    }

    Path fileStoresDir() {
        return root.resolve("filestores");
    }

    Path fileStoreDir(String name) {
        if (name == null || !STORE_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("'" + name + "' is not a file store name");
        }
        return fileStoresDir().resolve(name);
    }

    /** Share ACL records, kept outside the file store trees so a copy of a tree never carries them. */
    Path shareAclFile(String name) {
        fileStoreDir(name);
        return root.resolve("shares").resolve(name + ".json");
    }

    /** The local configuration store of the computer the lab shell runs on (Import-CsConfiguration -LocalStore). */
    Path shellHostLocalStore() {
        return root.resolve("shellhost").resolve("localstore");
    }

    /** The paired pools' state: failures, failovers, the Backup Service's directions, the Edge next hops. */
    Path pairingState() {
        return root.resolve("pairing").resolve("state.json");
    }

    /** The mirrored Back Ends' state: which side is principal per database type, and the mirroring status. */
    Path mirrorState() {
        return root.resolve("mirroring").resolve("state.json");
    }

    /** The SQL Server hosts lost on their own (one side of a mirror, a witness), which neither answer nor serve SQL. */
    Path lostSqlHosts() {
        return root.resolve("mirroring").resolve("lost-hosts.json");
    }

    /** The hosts that are down (a pool or site failure), which neither answer nor serve SQL. */
    Path offlineHosts() {
        return root.resolve("pairing").resolve("offline-hosts.json");
    }

    /** What the Backup Service last replicated of {@code pool}'s users into its backup pool. */
    Path replica(String pool) {
        return root.resolve("pairing").resolve("replica-" + fqdn(pool) + ".json");
    }

    Path transcript() {
        return root.resolve("transcript.log");
    }

    static boolean isFqdn(String value) {
        return value != null && FQDN.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    static String fqdn(String value) {
        if (!isFqdn(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a fully qualified domain name");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
