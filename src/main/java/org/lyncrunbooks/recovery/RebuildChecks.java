package org.lyncrunbooks.recovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.lyncrunbooks.recovery.RecoveryService.CheckResult;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.RecoveryPlan;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.Topology;

/**
 * The automatic checks after each manual rebuild step: the server answers to its old name in
 * DNS, its certificate is the one recorded and fits, and its SQL Server is a supported version with no Lync data
 * yet. A check never throws for what it finds; it reports every problem at once.
 */
final class RebuildChecks {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Topology topology;
    private final SqlServerClient sqlServer;
    private final HostResolver hosts;
    private final Clock clock;

    RebuildChecks(Topology topology, SqlServerClient sqlServer, HostResolver hosts, Clock clock) {
        this.topology = topology;
        this.sqlServer = sqlServer;
        this.hosts = hosts;
        this.clock = clock;
    }

    CheckResult serverIdentity(RecoveryPlan plan, String claimedIpAddress) {
        String name = plan.failedServerFqdn();
        List<String> addresses = hosts.resolve(name);
        if (addresses.isEmpty()) {
            return CheckResult.failed("DNS does not resolve " + name + ": the rebuilt server is not registered under its "
                    + "old name (give the rebuilt server the same FQDN and keep its AD computer account, R2)");
        }
        if (claimedIpAddress == null || claimedIpAddress.isBlank()) {
            return CheckResult.ok();
        }
        String claimed = claimedIpAddress.strip();
        Optional<InetAddress> claimedAddress = literal(claimed);
        if (claimedAddress.isEmpty()) {
            return CheckResult.failed("'" + PublishedSets.printable(claimed) + "' is not an IP address; DNS resolves "
                    + name + " to " + String.join(", ", addresses));
        }
        boolean matches = addresses.stream().map(RebuildChecks::literal).flatMap(Optional::stream)
                .anyMatch(claimedAddress.get()::equals);
        return matches ? CheckResult.ok() : CheckResult.failed("DNS resolves " + name + " to " + String.join(", ", addresses)
                + ", not to " + claimed + " as recorded for the rebuilt server: a stale DNS record, or another machine "
                + "answers to that name");
    }

    CheckResult certificate(RecoveryPlan plan, String thumbprint, String pem) {
        List<String> required = new ArrayList<>(List.of(plan.failedServerFqdn()));
        poolNamedByCertificate(plan.failedServerFqdn()).filter(p -> !required.contains(p)).ifPresent(required::add);
        List<String> problems = CertificateCheck.problems(pem, thumbprint, required, clock.instant());
        return problems.isEmpty() ? CheckResult.ok()
                : CheckResult.failed("the certificate of " + plan.failedServerFqdn() + " does not fit: "
                + String.join("; ", problems));
    }

    CheckResult sqlServer(RecoveryPlan plan) {
        List<String> problems = new ArrayList<>();
        for (SqlStore store : plan.sqlStores()) {
            String version;
            try {
                version = sqlServer.productVersion(store.ref());
            } catch (SqlServerException e) {
                problems.add(store.ref().display() + " cannot be reached: " + e.getMessage());
                continue;
            }
            if (!supported(version)) {
                problems.add(store.ref().display() + " runs " + productName(version) + " (" + version + "); Lync Server "
                        + "2013 is restored onto SQL Server 2012 (11.x) or SQL Server 2008 R2 (10.50.x) (R4, R5)");
            }
            for (LyncDatabase database : store.databases()) {
                try {
                    if (sqlServer.databaseState(store.ref(), database.databaseName())
                            == SqlServerClient.DatabaseState.HOLDS_DATA) {
                        problems.add(store.ref().display() + " already holds data in database " + database.databaseName()
                                + "; a restore goes only to a clean instance (D3)");
                    }
                } catch (SqlServerException e) {
                    problems.add(store.ref().display() + "/" + database.databaseName() + " cannot be examined: "
                            + e.getMessage());
                }
            }
        }
        return problems.isEmpty() ? CheckResult.ok()
                : CheckResult.failed("SQL Server on " + plan.failedServerFqdn() + " is not ready: "
                + String.join("; ", problems));
    }

    /** The pool name a Front End, Standard Edition or Director server's certificate must carry too. */
    private Optional<String> poolNamedByCertificate(String server) {
        return topology.pools()
                .filter(p -> p.kind() == PoolKind.ENTERPRISE || p.kind() == PoolKind.STANDARD || p.kind() == PoolKind.DIRECTOR)
                .filter(p -> p.fqdn().equalsIgnoreCase(server) || p.servers().stream().anyMatch(server::equalsIgnoreCase))
                .map(Pool::fqdn).findFirst();
    }

    static boolean supported(String version) {
        int[] parts = versionParts(version);
        return parts[0] == 11 || parts[0] == 10 && parts[1] == 50;
    }

    private static String productName(String version) {
        int[] parts = versionParts(version);
        return switch (parts[0]) {
            case 8 -> "SQL Server 2000";
            case 9 -> "SQL Server 2005";
            case 10 -> parts[1] == 50 ? "SQL Server 2008 R2" : "SQL Server 2008";
            case 11 -> "SQL Server 2012";
            case 12 -> "SQL Server 2014";
            case 13 -> "SQL Server 2016";
            case 14 -> "SQL Server 2017";
            case 15 -> "SQL Server 2019";
            case 16 -> "SQL Server 2022";
            default -> "an unknown SQL Server version";
        };
    }

    private static int[] versionParts(String version) {
        String[] parts = version == null ? new String[0] : version.strip().split("\\.");
        int[] numbers = {-1, -1};
        for (int i = 0; i < Math.min(2, parts.length); i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return numbers;
            }
        }
        return numbers;
    }

    /** An IP address literal, parsed without any DNS lookup; empty for anything else. */
    private static Optional<InetAddress> literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        // an impossible dotted quad would be taken for a host name and looked up
        if (IPV4.matcher(text).matches() && Arrays.stream(text.split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
