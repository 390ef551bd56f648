package org.lyncrunbooks.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import org.lyncrunbooks.lab.DataGenerator.RgsContact;
import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStoreRef;

/** The import cmdlets of the restore procedures (R4, R12, R13), with the preconditions Microsoft documents. */
final class RestoreCmdlets {

    private static final TypeReference<List<RgsContact>> CONTACTS = new TypeReference<>() {
    };

    private final CmdletSupport support;
    private final LabFarm farm;
    private final LabDatabases databases;

    RestoreCmdlets(CmdletSupport support) {
        this.support = support;
        this.farm = support.farm();
        this.databases = farm.databases();
    }

    List<CmdletSpec> specs() {
        return List.of(
                CmdletSpec.of("Import-CsConfiguration", List.of("FileName"), List.of("LocalStore", "Force"),
                        List.of("FileName"), this::importConfiguration),
                CmdletSpec.of("Import-CsUserData", List.of("PoolFqdn", "FileName"), List.of("Force"),
                        List.of("PoolFqdn", "FileName"), this::importUserData),
                CmdletSpec.of("Import-CsLisConfiguration", List.of("FileName"), List.of(), List.of("FileName"),
                        this::importLis),
                CmdletSpec.of("Publish-CsLisConfiguration", List.of(), List.of("Force"), List.of(), this::publishLis),
                CmdletSpec.of("Import-CsRgsConfiguration", List.of("Destination", "FileName"),
                        List.of("OverwriteOwner", "ReplaceExistingRgsSettings", "Force"), List.of("Destination", "FileName"),
                        this::importRgs),
                CmdletSpec.of("Import-CsPersistentChatData", List.of("DBInstance", "FileName"), List.of("Force"),
                        List.of("DBInstance", "FileName"), this::importPersistentChat));
    }

    private String importConfiguration(CmdletSpec.Args args) {
        if (args.has("LocalStore")) {
            Path file = support.inputFile(args.required("FileName"));
            ExportReader.metaData(file, ExportKind.CONFIGURATION);
            Path local = farm.layout().shellHostLocalStore();
            try {
                Files.createDirectories(local);
                Path tmp = Files.createTempFile(local, ".import", ".partial");
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                StateFiles.moveInto(tmp, local.resolve("CsConfiguration.zip"));
            } catch (IOException e) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation,
                        "Cannot write the local configuration store: " + e.getMessage(), e);
            }
            return "Imported the configuration from " + file + " into the local configuration store of this computer.";
        }
        LabCms cms = LabCms.locate(farm);
        try (Connection xds = cms.openXds()) {
            Path file = support.inputFile(args.required("FileName"));
            Map<String, Long> rows = ExportReader.importInto(file, ExportKind.CONFIGURATION, null,
                    Map.of(LyncDatabase.XDS, xds), ExportReader.Mode.REPLACE, Map.of(), Set.of());
            try (Statement s = xds.createStatement()) {
                // an imported topology is published but not enabled until Enable-CsTopology runs (R4 step 9)
                s.executeUpdate("DELETE FROM topology_state");
            }
            xds.commit();
            return "Imported topology, policies and settings from " + file + " into the Central Management store " + cms
                    + " (" + total(rows) + " items). Run Enable-CsTopology to enable the topology.";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private String importUserData(CmdletSpec.Args args) {
        Pool pool = support.registrarPool(args.required("PoolFqdn"));
        for (String server : pool.servers()) {
            ServerState machine = farm.machine(farm.host(server));
            if (machine.operatingSystemInstalled() && machine.runningServices().contains(FarmHosts.FRONT_END_SERVICE)) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "The Front-End service ("
                        + FarmHosts.FRONT_END_SERVICE + ") is running on " + server + ". Stop the Front-End service on "
                        + "every server of pool " + pool.fqdn() + " (Stop-CsWindowsService) before importing user data, "
                        + "then start them together afterwards.");
            }
        }
        Path file = support.inputFile(args.required("FileName"));
        SqlStoreRef store = pool.backEnd();
        try (Connection rtcxds = databases.open(store, LyncDatabase.RTCXDS.databaseName());
             Connection rtcshared = databases.open(store, LyncDatabase.RTCSHARED.databaseName())) {
            ExportKind.MetaData meta = ExportReader.metaData(file, ExportKind.USER_DATA);
            if (meta.scope() == null || !meta.scope().equalsIgnoreCase(pool.fqdn())) {
                throw new CmdletFailure(CmdletFailure.Category.InvalidData, "The file '" + file + "' holds the user data "
                        + "of pool " + meta.scope() + ", not of " + pool.fqdn() + ".");
            }
            Map<String, Long> rows = ExportReader.importInto(file, ExportKind.USER_DATA, pool.fqdn(),
                    Map.of(LyncDatabase.RTCXDS, rtcxds, LyncDatabase.RTCSHARED, rtcshared), ExportReader.Mode.REPLACE,
                    Map.of("registrar_pool", pool.fqdn(), "home_pool", pool.fqdn()), Set.of());
            return "Imported the user data of pool " + pool.fqdn() + " from " + file + " ("
                    + rows.getOrDefault("rtcxds.users", 0L) + " users, " + total(rows) + " records). Start the Front-End "
                    + "service on every server of the pool for it to take effect.";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private String importLis(CmdletSpec.Args args) {
        LabCms cms = LabCms.locate(farm);
        try (Connection lis = cms.openLis()) {
            Path file = support.inputFile(args.required("FileName"));
            Map<String, Long> rows = ExportReader.importInto(file, ExportKind.LIS, null, Map.of(LyncDatabase.LIS, lis),
                    ExportReader.Mode.INSERT_MISSING, Map.of(), Set.of());
            return "Imported the Location Information service configuration from " + file + " into " + cms + " ("
                    + total(rows) + " records read; missing records re-inserted, existing ones kept). Run "
                    + "Publish-CsLisConfiguration for clients to get it.";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    /** Commits the location database to the Central Management store, so that clients get it. */
    private String publishLis(CmdletSpec.Args args) {
        LabCms cms = LabCms.locate(farm);
        try (Connection xds = cms.openXds()) {
            long rows = LisPublication.publish(databases, cms.store(), xds);
            return "Published the Location Information service configuration of " + cms + " (" + rows + " records).";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private String importRgs(CmdletSpec.Args args) {
        Pool pool = support.responseGroupPool(args.required("Destination"));
        Path file = support.inputFile(args.required("FileName"));
        List<String> serviceIds = farm.serviceInstanceIds(pool);
        if (serviceIds.isEmpty()) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceUnavailable, "The Response Group service is not "
                    + "installed on any server of pool " + pool.fqdn() + ". Run the Deployment Wizard first.");
        }
        String owner = CmdletSupport.rgsOwner(pool);
        boolean overwriteOwner = args.has("OverwriteOwner");
        try (Connection rgs = databases.open(pool.backEnd(), LyncDatabase.RGSCONFIG.databaseName())) {
            ExportReader.metaData(file, ExportKind.RGS);
            List<Map<String, String>> workflows = ExportReader.rawRows(file, ExportKind.RGS, "workflows");
            synchronized (farm.state().lock()) {
                List<RgsContact> contacts = new ArrayList<>(farm.state()
                        .readIfExists(farm.layout().rgsContacts(), CONTACTS).orElse(List.of()));
                for (Map<String, String> workflow : workflows) {
                    String uri = workflow.get("primary_uri");
                    contacts.stream().filter(c -> c.sipAddress().equalsIgnoreCase(uri)).findFirst().ifPresent(contact -> {
                        if (!serviceIds.contains(contact.ownerServiceInstanceId()) && !overwriteOwner) {
                            throw new CmdletFailure(CmdletFailure.Category.ResourceExists, "The contact object " + uri
                                    + " of workflow '" + workflow.get("name") + "' already exists in Active Directory and "
                                    + "belongs to another Response Group service instance (" + contact.ownerServiceInstanceId()
                                    + "). When restoring into a newly deployed pool, even one with the same FQDN, use "
                                    + "-OverwriteOwner to give the workflows to " + owner + ".");
                        }
                    });
                }
                boolean keepSettings = !args.has("ReplaceExistingRgsSettings") && hasSettings(rgs, owner);
                Map<String, Long> rows = ExportReader.importInto(file, ExportKind.RGS, owner,
                        Map.of(LyncDatabase.RGSCONFIG, rgs), ExportReader.Mode.REPLACE, Map.of("owner", owner),
                        keepSettings ? Set.of("service_settings") : Set.of());
                for (Map<String, String> workflow : workflows) {
                    String uri = workflow.get("primary_uri");
                    RgsContact current = contacts.stream().filter(c -> c.sipAddress().equalsIgnoreCase(uri))
                            .findFirst().orElse(null);
                    if (current == null || overwriteOwner || !serviceIds.contains(current.ownerServiceInstanceId())) {
                        contacts.remove(current);
                        contacts.add(new RgsContact(uri, workflow.get("name"), workflow.get("workflow_id"),
                                pool.fqdn(), serviceIds.get(0)));
                    }
                }
                farm.state().write(farm.layout().rgsContacts(), contacts);
                return "Imported the Response Group configuration from " + file + " into " + owner + " ("
                        + rows.getOrDefault("rgsconfig.workflows", 0L) + " workflows, " + total(rows) + " records"
                        + (keepSettings ? "; the pool's existing service settings were kept" : "") + ").";
            }
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private static boolean hasSettings(Connection rgs, String owner) throws SQLException {
        try (PreparedStatement ps = rgs.prepareStatement("SELECT 1 FROM service_settings WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String importPersistentChat(CmdletSpec.Args args) {
        SqlStoreRef store = CmdletSupport.sqlInstance(args.required("DBInstance"));
        Path file = support.inputFile(args.required("FileName"));
        try (Connection mgc = databases.open(store, LyncDatabase.MGC.databaseName())) {
            Map<String, Long> rows = ExportReader.importInto(file, ExportKind.PERSISTENT_CHAT, null,
                    Map.of(LyncDatabase.MGC, mgc), ExportReader.Mode.REPLACE, Map.of(), Set.of());
            return "Imported the Persistent Chat data from " + file + " into " + store.display() + " ("
                    + rows.getOrDefault("mgc.chat_messages", 0L) + " messages, " + total(rows) + " records).";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private static long total(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
