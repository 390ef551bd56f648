package org.lyncrunbooks.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * What Lync setup wrote into the Central Management store of a rebuilt Standard Edition server (R4 on Standard
 * Edition). "Prepare first Standard Edition server" installs SQL Server Express and creates xds and lis with rows of
 * its own; R4 then runs {@code Install-CsDatabase -CentralManagementDatabase -Clean} precisely to drop and reinstall
 * them (brief addendum). A DBA tells setup's rows from a configuration by comparing the databases with what they were
 * right after setup: so the runbook counts the rows of every table of xds and lis as soon as the operator completes
 * that step ({@code <root>/.recoveries/<id>/setup-databases.json}), and {@code -Clean} later accepts exactly those
 * counts. Anything written since — a published topology, imported settings — or a CMS found without that record is
 * a configuration, which {@code -Clean} would destroy: refused unless a manager approves the override.
 */
final class SetupDatabases {

    static final List<String> DATABASES = List.of(LyncDatabase.XDS.databaseName(), LyncDatabase.LIS.databaseName());
    private static final String FILE = "setup-databases.json";
    private static final TypeReference<Map<String, Map<String, Long>>> COUNTS = new TypeReference<>() {
    };

    private final RecoveryJournal journal;
    private final SqlServerClient sqlServer;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    SetupDatabases(RecoveryJournal journal, SqlServerClient sqlServer) {
        this.journal = journal;
        this.sqlServer = sqlServer;
    }

    /** Counts the rows setup wrote into xds and lis, once per recovery. */
    void record(String recoveryId, SqlStoreRef store) {
        journal.run(recoveryId, "record-setup-databases", rerun -> {
            Map<String, SortedMap<String, Long>> counts = measure(store);
            Path file = journal.folder(recoveryId).resolve(FILE);
            try {
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(counts));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            List<String> parts = new ArrayList<>();
            counts.forEach((db, rows) -> parts.add(db + " " + total(rows) + " rows in " + rows.size() + " tables"));
            return "after Prepare first Standard Edition server on " + store.display() + ": " + String.join(", ", parts);
        });
    }

    /** The counts recorded after setup, if this recovery recorded them. */
    Optional<Map<String, Map<String, Long>>> recorded(String recoveryId) {
        Path file = journal.folder(recoveryId).resolve(FILE);
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), COUNTS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rows of every table of xds and lis now. */
    Map<String, SortedMap<String, Long>> measure(SqlStoreRef store) {
        Map<String, SortedMap<String, Long>> counts = new LinkedHashMap<>();
        for (String db : DATABASES) {
            counts.put(db, sqlServer.tableRows(store, db));
        }
        return counts;
    }

    /**
     * Why {@code database} is not what setup left: the tables whose rows changed since the record, or the rows it
     * holds when there is no record; empty when it holds exactly what setup wrote.
     */
    static Optional<String> beyondSetup(String database, SortedMap<String, Long> now,
                                        Optional<Map<String, Map<String, Long>>> setup, boolean setupExpected) {
        if (setup.isEmpty()) {
            return Optional.of(database + " holds " + total(now) + " rows" + (setupExpected ? " and this recovery has "
                    + "no record of what Prepare first Standard Edition server created in it" : ""));
        }
        Map<String, Long> then = new TreeMap<>(setup.get().getOrDefault(database, Map.of()));
        List<String> changed = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>(then.keySet());
        tables.addAll(now.keySet());
        for (String table : tables) {
            long before = then.getOrDefault(table, 0L);
            long after = now.getOrDefault(table, 0L);
            if (before != after) {
                changed.add(table + " " + before + " → " + after + " rows");
            }
        }
        return changed.isEmpty() ? Optional.empty() : Optional.of(database + " changed since setup created it ("
                + String.join(", ", changed) + ")");
    }

    static long total(Map<String, Long> rows) {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
