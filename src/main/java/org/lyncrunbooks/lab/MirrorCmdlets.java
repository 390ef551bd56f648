package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * The cmdlets of a mirrored Back End (H17, P3, R6, R7; the cmdlet reference): {@code Get-CsDatabaseMirrorState},
 * {@code Invoke-CsDatabaseFailover}, {@code Uninstall-CsMirrorDatabase} and {@code Install-CsMirrorDatabase}, with the
 * parameters Lync Server 2013 documents and the errors they give when a precondition fails, against
 * {@link MirroredBackEnds}.
 */
final class MirrorCmdlets {

    private final LabFarm farm;
    private final MirroredBackEnds mirrors;

    MirrorCmdlets(CmdletSupport support) {
        this.farm = support.farm();
        this.mirrors = farm.mirroredBackEnds();
    }

    List<CmdletSpec> specs() {
        return List.of(
                CmdletSpec.of("Get-CsDatabaseMirrorState", List.of("PoolFqdn", "DatabaseType"), List.of(),
                        List.of("PoolFqdn", "DatabaseType"), this::mirrorState),
                CmdletSpec.of("Invoke-CsDatabaseFailover", List.of("PoolFqdn", "DatabaseType", "NewPrincipal",
                                "ExcludeDatabaseList", "Report"), List.of("Force", "LocalStore", "WhatIf", "Confirm"),
                        List.of("PoolFqdn", "DatabaseType", "NewPrincipal"), this::failOver),
                CmdletSpec.of("Uninstall-CsMirrorDatabase", List.of("DatabaseType", "SqlServerFqdn", "SqlInstanceName",
                                "Report"), List.of("DropExistingDatabasesOnMirror", "WhatIf", "Confirm"),
                        List.of("DatabaseType", "SqlServerFqdn"), this::uninstall),
                CmdletSpec.of("Install-CsMirrorDatabase", List.of("DatabaseType", "FileShare", "SqlServerFqdn",
                                "SqlInstanceName", "ForInstance", "DatabasePathMap", "ExcludeDatabaseList", "Report"),
                        List.of("ConfiguredDatabases", "DropExistingDatabasesOnMirror", "ForDefaultInstance", "WhatIf",
                                "Confirm"), List.of("FileShare", "SqlServerFqdn"), this::install));
    }

    private String mirrorState(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFqdn"));
        Schemas.DatabaseType type = databaseType(args.required("DatabaseType"));
        SqlStore store = farm.topology().sqlStore(pool.backEnd()).orElseThrow();
        List<LyncDatabase> held = MirroredBackEnds.held(store, type);
        if (held.isEmpty()) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "The Back End of \"" + pool.fqdn() + "\" ("
                    + store.ref().display() + ") holds no " + type.cmdletName() + " database.");
        }
        Optional<MirroredBackEnds.Mirroring> mirroring = mirrors.mirroring(store, type);
        if (mirroring.isEmpty()) {
            farm.databases().requireInstance(store.ref());
        } else {
            SqlStoreRef principal = MirroredBackEnds.side(store, mirroring.get().principal());
            SqlStoreRef mirror = MirroredBackEnds.side(store, MirroredBackEnds.other(mirroring.get().principal()));
            if (mirrors.lost(principal) && mirrors.lost(mirror)) {
                farm.databases().requireInstance(principal);
            }
        }
        List<String> blocks = new ArrayList<>();
        for (LyncDatabase db : held) {
            String onPrimary = "";
            String onMirror = "";
            String statusPrimary = "";
            String statusMirror = "";
            if (mirroring.isEmpty()) {
                onPrimary = "Principal";
            } else {
                MirroredBackEnds.Mirroring m = mirroring.get();
                boolean primaryUp = !mirrors.lost(store.ref());
                boolean mirrorUp = !mirrors.lost(store.mirrorStore().orElseThrow());
                boolean primaryIsPrincipal = MirroredBackEnds.PRIMARY.equals(m.principal());
                if (primaryUp) {
                    onPrimary = role(m, primaryIsPrincipal);
                    statusPrimary = m.status();
                }
                if (mirrorUp) {
                    onMirror = role(m, !primaryIsPrincipal);
                    statusMirror = m.status();
                }
            }
            blocks.add("DatabaseName             : " + db.databaseName() + "\nStateOnPrimary           : " + onPrimary
                    + "\nStateOnMirror            : " + onMirror + "\nMirroringStatusOnPrimary : " + statusPrimary
                    + "\nMirroringStatusOnMirror  : " + statusMirror);
        }
        return String.join("\n\n", blocks);
    }

    /** A side that holds the databases: the principal, the mirror while mirrored, or a database with no partner. */
    private static String role(MirroredBackEnds.Mirroring m, boolean principal) {
        if (principal) {
            return "Principal";
        }
        return m.mirrored() ? "Mirror" : "";
    }

    private String failOver(CmdletSpec.Args args) {
        Pool pool = registrar(args.required("PoolFqdn"));
        Schemas.DatabaseType type = databaseType(args.required("DatabaseType"));
        String newPrincipal = newPrincipal(args.required("NewPrincipal"));
        SqlStore store = farm.topology().sqlStore(pool.backEnd()).orElseThrow();
        if (MirroredBackEnds.held(store, type).isEmpty()) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "The Back End of \"" + pool.fqdn() + "\" ("
                    + store.ref().display() + ") holds no " + type.cmdletName() + " database.");
        }
        MirroredBackEnds.Mirroring m = mirrors.mirroring(store, type).filter(MirroredBackEnds.Mirroring::mirrored)
                .orElseThrow(() -> new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Cannot fail over the "
                        + type.cmdletName() + " databases of \"" + pool.fqdn() + "\": no mirror database is configured "
                        + "for them (" + store.ref().display() + " has " + (store.mirrorStore().isPresent()
                        ? "its mirroring uninstalled" : "no mirror in the topology") + ")."));
        SqlStoreRef current = MirroredBackEnds.side(store, m.principal());
        SqlStoreRef target = MirroredBackEnds.side(store, newPrincipal);
        if (args.has("WhatIf")) {
            return "What if: Performing the operation \"Invoke-CsDatabaseFailover\" on target \"" + type.cmdletName()
                    + "\" (" + current.display() + " -> " + target.display() + ").";
        }
        if (newPrincipal.equals(m.principal())) {
            return "The " + type.cmdletName() + " databases of \"" + pool.fqdn() + "\" are already principal on "
                    + target.display() + " (" + newPrincipal + "). Nothing was failed over.";
        }
        if (mirrors.lost(target)) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Cannot fail over the "
                    + type.cmdletName() + " databases of \"" + pool.fqdn() + "\" to " + target.display() + " ("
                    + newPrincipal + "): " + LabDatabases.unreachable(target));
        }
        if (mirrors.lost(current) && !args.has("Force")) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "The current principal "
                    + current.display() + " of the " + type.cmdletName() + " databases of \"" + pool.fqdn()
                    + "\" is not accessible. Use the Force parameter to fail over to " + target.display() + ".");
        }
        mirrors.failOver(store, type, newPrincipal);
        return "Failed over the " + type.cmdletName() + " databases of \"" + pool.fqdn() + "\" from " + current.display()
                + " to " + target.display() + " (" + newPrincipal + ").";
    }

    private String uninstall(CmdletSpec.Args args) {
        Schemas.DatabaseType type = databaseType(args.required("DatabaseType"));
        SqlStore store = storeOf(args.required("SqlServerFqdn"), args.value("SqlInstanceName"), type);
        MirroredBackEnds.Mirroring m = mirrors.mirroring(store, type).orElseThrow();
        SqlStoreRef principal = MirroredBackEnds.side(store, m.principal());
        requirePrincipal(args.required("SqlServerFqdn"), principal, store, type, "Uninstall-CsMirrorDatabase");
        farm.databases().requireInstance(principal);
        if (args.has("WhatIf")) {
            return "What if: Performing the operation \"Uninstall-CsMirrorDatabase\" on target \"" + type.cmdletName()
                    + "\".";
        }
        if (!m.mirrored()) {
            return "The " + type.cmdletName() + " databases on " + principal.display() + " have no mirror. Nothing "
                    + "was uninstalled.";
        }
        SqlStoreRef mirror = MirroredBackEnds.side(store, MirroredBackEnds.other(m.principal()));
        List<String> dropped = new ArrayList<>();
        if (args.has("DropExistingDatabasesOnMirror") && !mirrors.lost(mirror)) {
            for (LyncDatabase db : MirroredBackEnds.held(store, type)) {
                if (farm.databases().exists(mirror, db.databaseName())) {
                    farm.databases().drop(mirror, db.databaseName());
                    dropped.add(db.databaseName());
                }
            }
        }
        mirrors.uninstall(store, type);
        return "Uninstalled the mirroring of the " + type.cmdletName() + " databases of " + principal.display()
                + " (mirror " + mirror.display() + ")" + (dropped.isEmpty() ? "" : "; dropped " + String.join(", ",
                dropped) + " on the mirror") + ".";
    }

    private String install(CmdletSpec.Args args) {
        boolean configured = args.has("ConfiguredDatabases");
        Optional<String> typeName = args.value("DatabaseType");
        if (configured == typeName.isPresent()) {
            throw CmdletSpec.binding("Parameter set cannot be resolved using the specified named parameters. Use "
                    + "either -ConfiguredDatabases (ByConfigured) or -DatabaseType (ByDatabase).");
        }
        if (configured && args.value("SqlInstanceName").isPresent()) {
            throw CmdletSpec.binding("Parameter set cannot be resolved using the specified named parameters: "
                    + "-SqlInstanceName belongs to -DatabaseType; with -ConfiguredDatabases use -ForInstance.");
        }
        if (!configured && (args.value("ForInstance").isPresent() || args.has("ForDefaultInstance"))) {
            throw CmdletSpec.binding("Parameter set cannot be resolved using the specified named parameters: "
                    + "-ForInstance and -ForDefaultInstance belong to -ConfiguredDatabases.");
        }
        String share = args.required("FileShare").strip();
        if (!share.matches("\\\\\\\\[^\\\\]+\\\\[^\\\\].*")) {
            throw CmdletSpec.binding("Cannot validate argument on parameter 'FileShare'. \"" + share + "\" is not a "
                    + "UNC path (\\\\server\\share) that both SQL Server service accounts can read and write.");
        }
        String server = args.required("SqlServerFqdn").strip().toLowerCase(Locale.ROOT);
        Optional<String> instance = configured ? args.value("ForInstance") : args.value("SqlInstanceName");
        List<SqlStore> stores = mirrors.mirrored().stream().filter(s -> List.of(s.ref(), s.mirrorStore().orElseThrow())
                .stream().anyMatch(r -> r.fqdn().equals(server) && instance.map(r.instance()::equalsIgnoreCase)
                        .orElse(true))).toList();
        if (stores.isEmpty()) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "No SQL Server store of the topology on \""
                    + server + "\"" + instance.map(i -> "\\" + i).orElse("") + " has mirroring enabled. Enable "
                    + "SQL Server store mirroring in Topology Builder and publish the topology first.");
        }
        List<String> done = new ArrayList<>();
        for (SqlStore store : stores) {
            List<Schemas.DatabaseType> types = typeName.isPresent() ? List.of(databaseType(typeName.get()))
                    : MirroredBackEnds.types(store);
            for (Schemas.DatabaseType type : types) {
                if (MirroredBackEnds.held(store, type).isEmpty()) {
                    throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound, store.ref().display() + " holds no "
                            + type.cmdletName() + " database.");
                }
                MirroredBackEnds.Mirroring m = mirrors.mirroring(store, type).orElseThrow();
                SqlStoreRef principal = MirroredBackEnds.side(store, m.principal());
                SqlStoreRef mirror = MirroredBackEnds.side(store, MirroredBackEnds.other(m.principal()));
                requirePrincipal(server, principal, store, type, "Install-CsMirrorDatabase");
                farm.databases().requireInstance(principal);
                if (m.mirrored()) {
                    throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "The " + type.cmdletName()
                            + " databases on " + principal.display() + " are already mirrored to " + mirror.display()
                            + " (" + m.status() + "). Remove the mirroring with Uninstall-CsMirrorDatabase first.");
                }
                if (mirrors.lost(mirror)) {
                    throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "Cannot create the mirror "
                            + "databases on " + mirror.display() + ": " + LabDatabases.unreachable(mirror));
                }
                for (LyncDatabase db : MirroredBackEnds.held(store, type)) {
                    if (farm.databases().exists(mirror, db.databaseName())) {
                        if (!args.has("DropExistingDatabasesOnMirror")) {
                            throw new CmdletFailure(CmdletFailure.Category.ResourceExists, "Database \""
                                    + db.databaseName() + "\" already exists on the mirror " + mirror.display()
                                    + ". Drop it, or run the cmdlet with -DropExistingDatabasesOnMirror.");
                        }
                    }
                }
                if (args.has("WhatIf")) {
                    done.add("What if: Performing the operation \"Install-CsMirrorDatabase\" on target \""
                            + type.cmdletName() + "\" (" + mirror.display() + ").");
                    continue;
                }
                mirrors.install(store, type);
                done.add("Installed the mirror of the " + type.cmdletName() + " databases of " + principal.display()
                        + " on " + mirror.display() + " through " + share + "; mirroring is synchronized.");
            }
        }
        return String.join("\n", done);
    }

    /** The mirrored store that has {@code server} (the primary SQL Server of the type now) as one of its two sides. */
    private SqlStore storeOf(String server, Optional<String> instance, Schemas.DatabaseType type) {
        String host = server.strip().toLowerCase(Locale.ROOT);
        return mirrors.mirrored().stream().filter(s -> !MirroredBackEnds.held(s, type).isEmpty())
                .filter(s -> List.of(s.ref(), s.mirrorStore().orElseThrow()).stream().anyMatch(r -> r.fqdn().equals(host)
                        && r.instance().equalsIgnoreCase(instance.orElse("MSSQLSERVER"))
                        || r.fqdn().equals(host) && instance.isEmpty()))
                .findFirst().orElseThrow(() -> new CmdletFailure(CmdletFailure.Category.ObjectNotFound, "No "
                        + type.cmdletName() + " database with a mirror is configured on \"" + host + "\""
                        + instance.map(i -> "\\" + i).orElse("") + " in the topology."));
    }

    private static void requirePrincipal(String server, SqlStoreRef principal, SqlStore store,
                                         Schemas.DatabaseType type, String cmdlet) {
        if (!principal.fqdn().equalsIgnoreCase(server.strip())) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidArgument, cmdlet + " needs the SQL Server that is "
                    + "principal for the " + type.cmdletName() + " databases of " + store.ref().display() + ": that is "
                    + principal.fqdn() + ", not " + server.strip() + " (see Get-CsDatabaseMirrorState).");
        }
    }

    private static String newPrincipal(String value) {
        if (value.strip().equalsIgnoreCase(MirroredBackEnds.PRIMARY)) {
            return MirroredBackEnds.PRIMARY;
        }
        if (value.strip().equalsIgnoreCase(MirroredBackEnds.MIRROR)) {
            return MirroredBackEnds.MIRROR;
        }
        throw CmdletSpec.binding("Cannot bind parameter 'NewPrincipal'. Cannot convert value \"" + value + "\" to type "
                + "\"MirrorRole\". Specify one of the following enumerator names and try again: Primary, Mirror");
    }

    private static Schemas.DatabaseType databaseType(String type) {
        return Schemas.DatabaseType.fromCmdletName(type).orElseThrow(() -> CmdletSpec.binding(
                "Cannot bind parameter 'DatabaseType'. Cannot convert value \"" + type + "\" to type \"DatabaseType\". "
                        + "Specify one of the following enumerator names and try again: "
                        + Schemas.DatabaseType.allNames()));
    }

    private Pool registrar(String fqdn) {
        return farm.topology().pool(fqdn).filter(p -> p.kind().isRegistrar()).orElseThrow(() -> new CmdletFailure(
                CmdletFailure.Category.ObjectNotFound, "Pool \"" + fqdn + "\" is not a Registrar pool of the topology."));
    }
}
