package org.lyncrunbooks.lab;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The cmdlets that rebuild the farm's plumbing during a restore (R4, R5, R10): creating databases, pointing AD at
 * the Central Management store, enabling the topology, and stopping and starting Lync services.
 */
final class DeploymentCmdlets {

    private final CmdletSupport support;
    private final LabFarm farm;

    DeploymentCmdlets(CmdletSupport support) {
        this.support = support;
        this.farm = support.farm();
    }

    List<CmdletSpec> specs() {
        return List.of(
                CmdletSpec.of("Install-CsDatabase", List.of("SqlServerFqdn", "SqlInstanceName", "DatabaseType"),
                        List.of("CentralManagementDatabase", "ConfiguredDatabases", "Clean"), List.of("SqlServerFqdn"),
                        this::installDatabase),
                CmdletSpec.of("Set-CsConfigurationStoreLocation", List.of("SqlServerFqdn", "SqlInstanceName"),
                        List.of("Force"), List.of("SqlServerFqdn", "SqlInstanceName"), this::setStoreLocation),
                CmdletSpec.of("Enable-CsTopology", List.of(), List.of(), List.of(), this::enableTopology),
                CmdletSpec.of("Stop-CsWindowsService", List.of("ComputerName", "Name"), List.of("Force", "NoWait"),
                        List.of("ComputerName"), args -> services(args, false)),
                CmdletSpec.of("Start-CsWindowsService", List.of("ComputerName", "Name"), List.of("NoWait"),
                        List.of("ComputerName"), args -> services(args, true)),
                CmdletSpec.of("Get-CsWindowsService", List.of("ComputerName", "Name", "Report"),
                        List.of("ExcludeActivityLevel"), List.of(), this::listServices));
    }

    private String installDatabase(CmdletSpec.Args args) {
        boolean cms = args.has("CentralManagementDatabase");
        boolean configured = args.has("ConfiguredDatabases");
        boolean typed = args.value("DatabaseType").isPresent();
        if ((cms ? 1 : 0) + (configured ? 1 : 0) + (typed ? 1 : 0) != 1
                || configured && args.value("SqlInstanceName").isPresent()
                || !configured && args.value("SqlInstanceName").isEmpty()) {
            throw CmdletSpec.binding("Parameter set cannot be resolved using the specified named parameters.");
        }
        boolean clean = args.has("Clean");
        String fqdn = args.required("SqlServerFqdn").toLowerCase(Locale.ROOT);
        List<String> done = new ArrayList<>();
        if (configured) {
            LabCms.locate(farm).requireEnabledTopology();
            List<SqlStore> stores = farm.topology().sqlStores().stream()
                    .filter(s -> s.fqdn().equalsIgnoreCase(fqdn)).toList();
            if (stores.isEmpty()) {
                throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                        "The topology defines no SQL Server store on '" + fqdn + "'.");
            }
            for (SqlStore store : stores) {
                install(store.ref(), store.databases(), clean, done);
            }
        } else {
            SqlStoreRef ref = new SqlStoreRef(fqdn, args.required("SqlInstanceName"));
            List<LyncDatabase> dbs;
            if (cms) {
                farm.databases().requireInstance(ref);
                done.addAll(farm.databases().installCentralManagementStore(ref, clean));
                return String.join("\n", done);
            } else {
                String type = args.required("DatabaseType");
                dbs = Schemas.DatabaseType.fromCmdletName(type).orElseThrow(() -> CmdletSpec.binding(
                        "Cannot bind parameter 'DatabaseType'. Cannot convert value \"" + type + "\" to type "
                                + "\"Microsoft.Rtc.Management.Deployment.DatabaseType\". Error: \"Unable to match the identifier "
                                + "name " + type + " to a valid enumerator name. Specify one of the following enumerator names "
                                + "and try again: " + Schemas.DatabaseType.allNames() + "\"")).databases();
            }
            install(ref, dbs, clean, done);
        }
        return String.join("\n", done);
    }

    private void install(SqlStoreRef ref, List<LyncDatabase> dbs, boolean clean, List<String> done) {
        farm.databases().requireInstance(ref);
        for (LyncDatabase db : dbs) {
            done.add(ref.display() + ": " + farm.databases().install(ref, db, clean));
        }
    }

    private String setStoreLocation(CmdletSpec.Args args) {
        SqlStoreRef ref = new SqlStoreRef(args.required("SqlServerFqdn").toLowerCase(Locale.ROOT),
                args.required("SqlInstanceName"));
        if (!farm.databases().exists(ref, LyncDatabase.XDS.databaseName())) {
            farm.databases().requireInstance(ref);
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "The Central Management store database "
                    + "(xds) is not installed on " + ref.display() + ". Run Install-CsDatabase -CentralManagementDatabase "
                    + "first.");
        }
        synchronized (farm.state().lock()) {
            farm.state().write(farm.layout().cmsScp(),
                    Map.of("sqlServerFqdn", ref.fqdn(), "sqlInstanceName", ref.instance()));
        }
        return "The Central Management store location in Active Directory now points to " + ref.display() + ".";
    }

    private String enableTopology(CmdletSpec.Args args) {
        LabCms cms = LabCms.locate(farm);
        try (Connection xds = cms.openXds()) {
            int version = cms.requireTopology(xds);
            try (PreparedStatement ps = xds.prepareStatement(
                    "MERGE INTO topology_state (id, enabled, enabled_version) KEY (id) VALUES (1, TRUE, ?)")) {
                ps.setInt(1, version);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
        List<String> shares = new ArrayList<>();
        for (FileStore store : farm.topology().fileStores()) {
            if (!Files.isDirectory(store.mountPath())) {
                throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "Cannot set the permissions of file store "
                        + store.unc() + ": the share's folder does not exist.");
            }
            farm.state().write(farm.layout().shareAclFile(store.name()), ShareAcls.record(store, Instant.now()));
            shares.add(store.unc());
        }
        return "Enabled topology version of the Central Management store " + cms + "; set permissions on "
                + String.join(", ", shares) + ".";
    }

    /**
     * Get-CsWindowsService: the Lync Server services of a computer with their status, as PowerShell's table shows
     * them; nothing for a computer without Lync Server components (a SQL Server or file server); the service
     * manager's error for a computer that does not answer (no operating system, or not a computer of the farm).
     * The lab shell runs on no computer of the farm, so -ComputerName is needed.
     */
    private String listServices(CmdletSpec.Args args) {
        String computer = args.value("ComputerName").orElseThrow(() -> new CmdletFailure(
                CmdletFailure.Category.InvalidOperation, "The local computer is not a Lync Server computer of the "
                + "lab farm. Use -ComputerName with the FQDN of a computer of the topology."));
        FarmHosts.Host host = farm.hosts().get(computer.toLowerCase(Locale.ROOT));
        synchronized (farm.state().lock()) {
            ServerState machine = host == null ? null : farm.machine(host);
            if (machine == null || !machine.operatingSystemInstalled() || farm.databases().offline(host.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Cannot open Service Control "
                        + "Manager on computer '" + computer + "'. This operation might require other privileges.");
            }
            List<String> installed = host.pool() == null || !machine.componentsInstalled() ? List.of()
                    : FarmHosts.services(host.pool());
            List<String> shown = args.value("Name").map(name -> installed.stream().filter(s -> s.equalsIgnoreCase(name))
                    .findFirst().map(List::of).orElseThrow(() -> new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                            "Cannot find any service with service name '" + name + "' on computer '" + host.fqdn() + "'.")))
                    .orElse(installed);
            if (shown.isEmpty()) {
                return "";
            }
            StringBuilder table = new StringBuilder(String.format("%-8s %-22s %s%n%-8s %-22s %s%n", "Status", "Name",
                    "ActivityLevel", "------", "----", "-------------"));
            for (String service : shown) {
                boolean running = machine.runningServices().contains(service);
                table.append(String.format("%-8s %-22s %s%n", running ? "Running" : "Stopped", service,
                        args.has("ExcludeActivityLevel") || !running ? "" : "Normal"));
            }
            return table.toString().stripTrailing();
        }
    }

    private String services(CmdletSpec.Args args, boolean start) {
        String computer = args.required("ComputerName");
        FarmHosts.Host host = farm.hosts().get(computer.toLowerCase(Locale.ROOT));
        if (host == null || host.pool() == null) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                    "Computer '" + computer + "' is not a Lync server of the topology.");
        }
        Object lock = farm.state().lock();
        synchronized (lock) {
            ServerState machine = farm.machine(host);
            if (!machine.operatingSystemInstalled()) {
                throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Cannot open Service Control Manager "
                        + "on computer '" + host.fqdn() + "'. This operation might require other privileges.");
            }
            if (!machine.componentsInstalled()) {
                throw new CmdletFailure(CmdletFailure.Category.NotInstalled, "No Lync Server services are installed on "
                        + "computer '" + host.fqdn() + "'. Run the Deployment Wizard first.");
            }
            List<String> installed = FarmHosts.services(host.pool());
            List<String> targets = args.value("Name").map(name -> installed.stream().filter(s -> s.equalsIgnoreCase(name))
                    .findFirst().map(List::of).orElseThrow(() -> new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                            "Cannot find any service with service name '" + name + "' on computer '" + host.fqdn() + "'.")))
                    .orElse(installed);
            if (!start) {
                List<String> running = new ArrayList<>(machine.runningServices());
                List<String> starting = new ArrayList<>(machine.startingServices());
                boolean frontEndWasUp = running.contains(FarmHosts.FRONT_END_SERVICE);
                running.removeAll(targets);
                starting.removeAll(targets);
                farm.state().write(farm.layout().serverFile(host.fqdn()),
                        machine.withRunningServices(running).withStartingServices(starting));
                if (frontEndWasUp && targets.contains(FarmHosts.FRONT_END_SERVICE)) {
                    farm.frontEndStopped(host.pool(), host.fqdn());
                }
                return "Stopped " + String.join(", ", targets) + " on " + host.fqdn() + ".";
            }
            if (machine.certificate() == null) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Service " + targets.get(0)
                        + " on computer '" + host.fqdn() + "' could not be started: no certificate is assigned. "
                        + "Assign a certificate first (Deployment Wizard step 3).");
            }
            if (host.pool().kind() == org.lyncrunbooks.topology.PoolKind.EDGE && machine.externalCertificate() == null) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Service " + targets.get(0)
                        + " on computer '" + host.fqdn() + "' could not be started: no external certificate is assigned "
                        + "to the Access Edge, Web Conferencing Edge and A/V Authentication services. Assign one first "
                        + "(Deployment Wizard step 3).");
            }
            farm.startServices(host, targets);
            if (targets.contains(FarmHosts.RESPONSE_GROUP_SERVICE)
                    && farm.machine(host).runningServices().contains(FarmHosts.RESPONSE_GROUP_SERVICE)) {
                ResponseGroupService.started(farm, host.pool());
            }
            if (args.has("NoWait")) {
                ServerState now = farm.machine(host);
                return (now.startingServices().isEmpty() ? "Started " : "Starting ") + String.join(", ", targets) + " on "
                        + host.fqdn() + (now.startingServices().isEmpty() ? "." : " (not waiting for them to run).");
            }
            long deadline = System.nanoTime() + FrontEndQuorum.START_WAIT.toNanos();
            while (!farm.machine(host).startingServices().isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new CmdletFailure(CmdletFailure.Category.OperationTimeout, "Service " + FarmHosts.FRONT_END_SERVICE
                            + " on computer '" + host.fqdn() + "' is in the Starting state and did not reach the Running "
                            + "state: " + farm.frontEndWaiting(host.pool()) + ".");
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CmdletFailure(CmdletFailure.Category.OperationStopped, "Interrupted while waiting for "
                            + FarmHosts.FRONT_END_SERVICE + " on computer '" + host.fqdn() + "' to start.");
                }
            }
            if (targets.contains(FarmHosts.RESPONSE_GROUP_SERVICE)) {
                ResponseGroupService.started(farm, host.pool());
            }
            return "Started " + String.join(", ", targets) + " on " + host.fqdn() + ".";
        }
    }
}
