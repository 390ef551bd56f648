package org.lyncrunbooks.lab;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The cmdlets of pool failover and failback (H11–H16, the cmdlet reference): the parameters each accepts in Lync
 * Server 2013 and the errors it gives when a precondition fails, against {@link PairedPools}. Output is PowerShell's
 * list format ({@code Name : Value}), one block per object.
 */
final class FailoverCmdlets {

    private final LabFarm farm;
    private final PairedPools pairs;

    FailoverCmdlets(CmdletSupport support) {
        this.farm = support.farm();
        this.pairs = farm.pairedPools();
    }

    List<CmdletSpec> specs() {
        return List.of(
                CmdletSpec.of("Get-CsPoolBackupRelationship", List.of("PoolFQDN"), List.of(), List.of("PoolFQDN"),
                        this::relationship),
                CmdletSpec.of("Get-CsBackupServiceConfiguration", List.of("Identity"), List.of("LocalStore"), List.of(),
                        a -> "Identity     : Global\nSyncInterval : " + timeSpan(pairs.syncInterval())),
                CmdletSpec.of("Set-CsBackupServiceConfiguration", List.of("Identity", "SyncInterval"), List.of("Force"),
                        List.of(), this::setConfiguration),
                CmdletSpec.of("Get-CsBackupServiceStatus", List.of("PoolFqdn", "Category"), List.of("Force"),
                        List.of("PoolFqdn"), this::status),
                CmdletSpec.of("Invoke-CsBackupServiceSync", List.of("PoolFqdn", "BackupModule"), List.of(),
                        List.of("PoolFqdn"), this::sync),
                CmdletSpec.of("Invoke-CsManagementServerFailover", List.of("BackupSqlServerFqdn", "BackupSqlInstanceName",
                        "BackupMirrorSqlServerFqdn", "BackupMirrorSqlInstanceName"), List.of("Force", "WhatIf", "Confirm"),
                        List.of(), this::managementServerFailover),
                CmdletSpec.of("Get-CsManagementStoreReplicationStatus", List.of("ReplicaFqdn"),
                        List.of("CentralManagementStoreStatus"), List.of(), this::replicationStatus),
                CmdletSpec.of("Set-CsEdgeServer", List.of("Identity", "Registrar"), List.of("Force"),
                        List.of("Identity"), this::setEdgeServer),
                CmdletSpec.of("Invoke-CsPoolFailOver", List.of("PoolFqdn", "WaitTime"),
                        List.of("DisasterMode", "FlushStorageService", "Force", "WhatIf", "Confirm"), List.of("PoolFqdn"),
                        this::poolFailOver),
                CmdletSpec.of("Invoke-CsPoolFailBack", List.of("PoolFqdn", "WaitTime"),
                        List.of("DisasterMode", "Force", "WhatIf", "Confirm"), List.of("PoolFqdn"), this::poolFailBack));
    }

    private String relationship(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFQDN"));
        return pool.backupPoolFqdn().map(b -> "PoolFqdn       : " + pool.fqdn() + "\nBackupPoolFqdn : " + b).orElse("");
    }

    private String setConfiguration(CmdletSpec.Args args) {
        args.value("SyncInterval").ifPresent(value -> {
            Duration interval = parseTimeSpan("SyncInterval", value);
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw CmdletSpec.binding("Cannot validate argument on parameter 'SyncInterval'. The interval must be at "
                        + "least one second.");
            }
            pairs.setSyncInterval(interval);
        });
        return "";
    }

    private String status(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFqdn"));
        args.value("Category").ifPresent(c -> {
            if (!c.equalsIgnoreCase("UserData") && !c.equalsIgnoreCase("CMS")) {
                throw CmdletSpec.binding("Cannot bind parameter 'Category'. Cannot convert value \"" + c + "\" to type "
                        + "\"BackupCategory\". Specify one of the following enumerator names and try again: CMS, UserData");
            }
        });
        PairedPools.Status s = pairs.status(pool);
        return "PoolFqdn            : " + s.pool() + "\nBackupPoolFqdn      : " + s.backupPool()
                + "\nOverallExportStatus : " + s.exportStatus() + "\nLastExportTime      : " + time(s.lastExportAt())
                + "\nOverallImportStatus : " + s.importStatus() + "\nLastImportTime      : " + time(s.lastImportAt());
    }

    private String sync(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFqdn"));
        args.value("BackupModule").ifPresent(m -> {
            if (!List.of("all", "presencefocus", "dataconf", "cmsmaster", "confservices.dataconf")
                    .contains(m.toLowerCase(Locale.ROOT))) {
                throw CmdletSpec.binding("Cannot validate argument on parameter 'BackupModule'. The argument \"" + m
                        + "\" does not belong to the set \"All,PresenceFocus,DataConf,CMSMaster,ConfServices.DataConf\".");
            }
        });
        Instant at = pairs.sync(pool);
        return "Synchronized " + pool.fqdn() + " with " + pairs.backupOf(pool).fqdn() + " at " + time(at) + ".";
    }

    /**
     * Normal mode (no parameter) moves the store to the preassigned backup and needs the active one to answer; disaster
     * mode names the backup pool's Back End (or its mirror) and needs {@code -Force} when the active store is lost.
     * {@code -WhatIf} names the pool that hosts the store now.
     */
    private String managementServerFailover(CmdletSpec.Args args) {
        Pool cmsPool = pairs.centralManagementPool().orElseThrow(() -> new CmdletFailure(
                CmdletFailure.Category.ObjectNotFound, "Cannot find the Central Management store: the service control "
                + "point (SCP) in Active Directory names no Back End of the topology."));
        if (args.has("WhatIf")) {
            return "What if: Performing the operation \"Invoke-CsManagementServerFailover\" on target \"" + cmsPool.fqdn()
                    + "\".";
        }
        Pool backupPool = pairs.backupOf(cmsPool);
        SqlStore backupStore = farm.topology().sqlStore(backupPool.backEnd()).orElseThrow();
        Optional<String> primary = args.value("BackupSqlServerFqdn");
        Optional<String> mirror = args.value("BackupMirrorSqlServerFqdn");
        SqlStoreRef target;
        boolean disaster = primary.isPresent() || mirror.isPresent();
        if (primary.isPresent()) {
            target = new SqlStoreRef(primary.get().toLowerCase(Locale.ROOT), args.value("BackupSqlInstanceName")
                    .orElseThrow(() -> CmdletSpec.binding("Parameter set cannot be resolved using the specified named "
                            + "parameters: -BackupSqlServerFqdn needs -BackupSqlInstanceName.")));
            if (!target.equals(backupStore.ref())) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, target.display() + " is not the Back End "
                        + "of \"" + backupPool.fqdn() + "\", the backup pool of the Central Management store's pool \""
                        + cmsPool.fqdn() + "\" (" + backupStore.ref().display() + ").");
            }
        } else if (mirror.isPresent()) {
            target = new SqlStoreRef(mirror.get().toLowerCase(Locale.ROOT), args.value("BackupMirrorSqlInstanceName")
                    .orElseThrow(() -> CmdletSpec.binding("Parameter set cannot be resolved using the specified named "
                            + "parameters: -BackupMirrorSqlServerFqdn needs -BackupMirrorSqlInstanceName.")));
            if (backupStore.mirrorStore().filter(target::equals).isEmpty()) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, target.display() + " is not the mirror "
                        + "of the Back End of \"" + backupPool.fqdn() + "\""
                        + backupStore.mirrorStore().map(m -> " (" + m.display() + ")").orElse(", which is not mirrored")
                        + ".");
            }
        } else {
            target = backupStore.ref();
        }
        boolean available = pairs.centralManagementStoreAvailable();
        if (!available && !disaster) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "The active Central Management store "
                    + "on \"" + cmsPool.fqdn() + "\" cannot be reached. To fail it over in a disaster, name the backup "
                    + "Back End with -BackupSqlServerFqdn and -BackupSqlInstanceName and add -Force.");
        }
        if (!available && !args.has("Force")) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "The active Central Management store "
                    + "on \"" + cmsPool.fqdn() + "\" cannot be reached, so replication to the standby cannot be "
                    + "accounted for. Add -Force to fail over to " + target.display() + " anyway.");
        }
        farm.databases().requireInstance(target);
        if (!farm.databases().exists(target, LyncDatabase.XDS.databaseName())
                || !farm.databases().exists(target, LyncDatabase.LIS.databaseName())) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "There is no standby Central Management "
                    + "store on " + target.display() + ": the xds and lis databases are not installed there.");
        }
        synchronized (farm.state().lock()) {
            farm.state().write(farm.layout().cmsScp(),
                    Map.of("sqlServerFqdn", target.fqdn(), "sqlInstanceName", target.instance()));
        }
        return "The Central Management store was failed over from \"" + cmsPool.fqdn() + "\" to \"" + backupPool.fqdn()
                + "\" (" + target.display() + ").";
    }

    private String replicationStatus(CmdletSpec.Args args) {
        if (args.has("CentralManagementStoreStatus")) {
            String active = pairs.centralManagementStoreAvailable()
                    ? pairs.centralManagementPool().map(Pool::fqdn).orElse("") : "";
            return "ActiveMasterFqdn         : " + active + "\nActiveFileTransferAgents : "
                    + (active.isEmpty() ? "{}" : "{" + active + "}");
        }
        List<String> blocks = new ArrayList<>();
        Instant now = Instant.now();
        pairs.replicas().forEach((replica, upToDate) -> {
            if (args.value("ReplicaFqdn").map(replica::equalsIgnoreCase).orElse(true)) {
                blocks.add("UpToDate           : " + (upToDate ? "True" : "False") + "\nReplicaFqdn        : " + replica
                        + "\nLastStatusReport   : " + (upToDate ? time(now) : "") + "\nLastUpdateCreation : " + time(now)
                        + "\nProductVersion     : 5.0.8308.0");
            }
        });
        return String.join("\n\n", blocks);
    }

    private String setEdgeServer(CmdletSpec.Args args) {
        String identity = args.required("Identity");
        String edgeFqdn = strip(identity, "EdgeServer:");
        Pool edge = farm.topology().pool(edgeFqdn).filter(p -> p.kind() == PoolKind.EDGE).orElseThrow(() ->
                new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "Cannot find \"" + identity + "\" because it "
                        + "does not exist. Edge pools: " + String.join(", ", farm.topology().pools()
                        .filter(p -> p.kind() == PoolKind.EDGE).map(p -> "EdgeServer:" + p.fqdn()).toList()) + "."));
        Optional<String> registrar = args.value("Registrar");
        if (registrar.isEmpty()) {
            return "";
        }
        String hopFqdn = strip(registrar.get(), "Registrar:");
        Pool hop = farm.topology().pool(hopFqdn).filter(p -> p.kind().isRegistrar() || p.kind() == PoolKind.DIRECTOR)
                .orElseThrow(() -> new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "\"" + registrar.get()
                        + "\" is not a Registrar of the topology (a Front End pool, Standard Edition server or "
                        + "Director pool)."));
        pairs.setNextHop(edge, hop);
        return "";
    }

    private String poolFailOver(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFqdn"));
        args.value("WaitTime").ifPresent(w -> parseTimeSpan("WaitTime", w));
        if (args.has("WhatIf")) {
            return "What if: Performing the operation \"Invoke-CsPoolFailOver\" on target \"" + pool.fqdn() + "\".";
        }
        pairs.backupOf(pool);
        return pairs.failOver(pool, args.has("DisasterMode"));
    }

    private String poolFailBack(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFqdn"));
        args.value("WaitTime").ifPresent(w -> parseTimeSpan("WaitTime", w));
        if (args.has("WhatIf")) {
            return "What if: Performing the operation \"Invoke-CsPoolFailBack\" on target \"" + pool.fqdn() + "\".";
        }
        pairs.backupOf(pool);
        return pairs.failBack(pool);
    }

    private Pool registrar(String fqdn) {
        return farm.topology().pool(fqdn).filter(p -> p.kind().isRegistrar()).orElseThrow(() -> new CmdletFailure(
                CmdletFailure.Category.ObjectNotFound, "Pool \"" + fqdn + "\" is not a Registrar pool of the topology."));
    }

    private static String strip(String value, String prefix) {
        String v = value.strip();
        if (v.regionMatches(true, 0, "service:", 0, "service:".length())) {
            v = v.substring("service:".length());
        }
        return v.regionMatches(true, 0, prefix, 0, prefix.length()) ? v.substring(prefix.length()) : v;
    }

    /** A TimeSpan as PowerShell takes it ({@code hh:mm:ss}) or an ISO-8601 duration. */
    static Duration parseTimeSpan(String parameter, String value) {
        try {
            if (value.matches("\\d{1,2}:\\d{2}:\\d{2}")) {
                String[] p = value.split(":");
                return Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]))
                        .plusSeconds(Long.parseLong(p[2]));
            }
            return Duration.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw CmdletSpec.binding("Cannot bind parameter '" + parameter + "'. Cannot convert value \"" + value
                    + "\" to type \"System.TimeSpan\".");
        }
    }

    static String timeSpan(Duration d) {
        long s = d.getSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }
}
