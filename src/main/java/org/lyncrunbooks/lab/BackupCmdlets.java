package org.lyncrunbooks.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.lyncrunbooks.sqlserver.SqlServerException;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.SqlStoreRef;

/** The export cmdlets of the backup procedure (D12, D14), writing real ZIPs of the farm's rows. */
final class BackupCmdlets {

    private final CmdletSupport support;
    private final LabDatabases databases;

    BackupCmdlets(CmdletSupport support) {
        this.support = support;
        this.databases = support.farm().databases();
    }

    List<CmdletSpec> specs() {
        return List.of(
                CmdletSpec.of("Export-CsConfiguration", List.of("FileName"), List.of("Force"), List.of("FileName"),
                        this::exportConfiguration),
                CmdletSpec.of("Export-CsLisConfiguration", List.of("FileName"), List.of(), List.of("FileName"),
                        this::exportLis),
                CmdletSpec.of("Export-CsUserData", List.of("PoolFqdn", "FileName"), List.of("Force"),
                        List.of("PoolFqdn", "FileName"), this::exportUserData),
                CmdletSpec.of("Export-CsRgsConfiguration", List.of("Source", "FileName"), List.of("Force"),
                        List.of("Source", "FileName"), this::exportRgs),
                CmdletSpec.of("Export-CsPersistentChatData", List.of("DBInstance", "FileName"), List.of("Force"),
                        List.of("DBInstance", "FileName"), this::exportPersistentChat));
    }

    private String exportConfiguration(CmdletSpec.Args args) {
        Path file = support.outputFile(args.required("FileName"));
        LabCms cms = LabCms.locate(support.farm());
        try (Connection xds = cms.openXds()) {
            cms.requireTopology(xds);
            ExportKind.MetaData meta = ExportWriter.write(file, ExportKind.CONFIGURATION, null, cms.toString(),
                    db -> xds, true);
            return "Exported topology, policies and settings of the Central Management store " + cms + " to " + file
                    + " (" + meta.totalRows() + " items).";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private String exportLis(CmdletSpec.Args args) {
        Path file = support.outputFile(args.required("FileName"));
        if (Files.exists(file)) {
            throw existing(file);
        }
        LabCms cms = LabCms.locate(support.farm());
        try (Connection lis = cms.openLis()) {
            ExportKind.MetaData meta = ExportWriter.write(file, ExportKind.LIS, null, cms.toString(), db -> lis, false);
            return "Exported the Location Information service configuration of " + cms + " to " + file + " ("
                    + meta.totalRows() + " records).";
        } catch (CmdletFailure e) {
            if (e.category() == CmdletFailure.Category.ResourceExists) {
                throw existing(file);
            }
            throw e;
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private static CmdletFailure existing(Path file) {
        return new CmdletFailure(CmdletFailure.Category.ResourceExists, "The file '" + file + "' already exists. "
                + "Export-CsLisConfiguration does not overwrite an existing file; specify a new file name.");
    }

    private String exportUserData(CmdletSpec.Args args) {
        Pool pool = support.registrarPool(args.required("PoolFqdn"));
        Path file = support.outputFile(args.required("FileName"));
        SqlStoreRef store = pool.backEnd();
        try (Connection rtcxds = databases.open(store, LyncDatabase.RTCXDS.databaseName());
             Connection rtcshared = databases.open(store, LyncDatabase.RTCSHARED.databaseName())) {
            ExportKind.MetaData meta = ExportWriter.write(file, ExportKind.USER_DATA, pool.fqdn(), store.display(),
                    db -> db == LyncDatabase.RTCXDS ? rtcxds : rtcshared, true);
            return "Exported the user data of pool " + pool.fqdn() + " to " + file + " ("
                    + meta.rowCounts().getOrDefault("rtcxds.users", 0L) + " users, " + meta.totalRows() + " records).";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private String exportRgs(CmdletSpec.Args args) {
        Pool pool = support.responseGroupPool(args.required("Source"));
        Path file = support.outputFile(args.required("FileName"));
        try (Connection rgs = databases.open(pool.backEnd(), LyncDatabase.RGSCONFIG.databaseName())) {
            ExportKind.MetaData meta = ExportWriter.write(file, ExportKind.RGS, CmdletSupport.rgsOwner(pool),
                    pool.backEnd().display(), db -> rgs, true);
            return "Exported the Response Group configuration of " + CmdletSupport.rgsOwner(pool) + " to " + file + " ("
                    + meta.rowCounts().getOrDefault("rgsconfig.workflows", 0L) + " workflows, " + meta.totalRows()
                    + " records).";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }

    private String exportPersistentChat(CmdletSpec.Args args) {
        SqlStoreRef store = CmdletSupport.sqlInstance(args.required("DBInstance"));
        Path file = support.outputFile(args.required("FileName"));
        try (Connection mgc = databases.open(store, LyncDatabase.MGC.databaseName())) {
            ExportKind.MetaData meta = ExportWriter.write(file, ExportKind.PERSISTENT_CHAT, null, store.display(),
                    db -> mgc, true);
            return "Exported the Persistent Chat data of " + store.display() + " to " + file + " ("
                    + meta.rowCounts().getOrDefault("mgc.chat_messages", 0L) + " messages, " + meta.totalRows()
                    + " records).";
        } catch (SQLException e) {
            throw new SqlServerException(e.getMessage(), e);
        }
    }
}
