package org.lyncrunbooks.recovery;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.jdbcx.JdbcDataSource;
import org.lyncrunbooks.backup.BackupProperties;
import org.lyncrunbooks.backup.LabBackups;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.filestore.FileStoreRestorer;
import org.lyncrunbooks.filestore.Sha256;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabHostResolver;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lab.LabSqlServer;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;

/**
 * A small lab farm with a real published backup set, and a {@link RecoveryService} wired to it the way the lab
 * profile wires it: the lab shell, the lab SQL Server, the lab DNS.
 */
final class RecoveryLab {

    static final String POOL = "pool01.lab.contoso.local";
    static final String FE1 = "fe01.lab.contoso.local";
    static final String FE2 = "fe02.lab.contoso.local";
    static final String BE_SERVER = "be01.lab.contoso.local";
    static final String SE = "se01.lab.contoso.local";
    static final String FILE_SERVER = "fs01.lab.contoso.local";
    static final String MON_SERVER = "mon01.lab.contoso.local";
    static final String CHAT_SERVER = "pcsql01.lab.contoso.local";
    static final String CHAT_POOL = "pchat01.lab.contoso.local";
    static final String EDGE = "edge01a.lab.contoso.local";
    static final SqlStoreRef BE = new SqlStoreRef(BE_SERVER, "rtc");
    static final SqlStoreRef SE_SQL = new SqlStoreRef(SE, "rtc");
    static final SqlStoreRef MON = new SqlStoreRef(MON_SERVER, "archmon");
    static final SqlStoreRef CHAT = new SqlStoreRef(CHAT_SERVER, "pchat");
    static final String SQL_2012 = "11.0.7001.0";

    final LabFarm farm;
    final Path root;
    final LabSqlServer sql;
    final LyncShell shell;
    final BackupProperties backup;

    private RecoveryLab(Path dir) {
        this(dir, FarmShape.DEFAULT);
    }

    private RecoveryLab(Path dir, FarmShape shape) {
        this.farm = new LabFarm(new LabProperties(dir.resolve("farm"), 7, 12, 24, Duration.ZERO, shape));
        farm.topology();
        this.root = dir.resolve("backups");
        this.sql = new LabSqlServer(farm);
        this.shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        this.backup = new BackupProperties(root, "", "0 0 2 * * ?",
                new BackupProperties.Retention(14, Duration.ofDays(30), Duration.ofHours(1)),
                new BackupProperties.Item(1, Duration.ZERO),
                new BackupProperties.Worker(false, 1, 4, Duration.ofMinutes(5), Duration.ofSeconds(1)));
    }

    /** A farm without any backup yet. */
    static RecoveryLab withoutBackup(Path dir) {
        return new RecoveryLab(dir);
    }

    /** A farm with one published backup set, which {@code CURRENT} names. */
    static RecoveryLab withBackup(Path dir) {
        return withBackup(dir, FarmShape.DEFAULT);
    }

    /** A farm of another shape with one published backup set, which {@code CURRENT} names. */
    static RecoveryLab withBackup(Path dir, FarmShape shape) {
        RecoveryLab lab = new RecoveryLab(dir, shape);
        lab.takeBackup();
        return lab;
    }

    String takeBackup() {
        JdbcDataSource engine = new JdbcDataSource();
        engine.setURL("jdbc:h2:mem:recovery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return LabBackups.takeBackup(farm, root, engine);
    }

    String currentSet() {
        return new BackupShare(root).current().orElseThrow().toString();
    }

    Path setDirectory(String setId) {
        return root.resolve(setId);
    }

    RecoveryService service() {
        return service(Clock.systemUTC());
    }

    /** The recovery service wired as the application wires it, on this lab's farm and share. */
    RecoveryService service(Clock clock) {
        return service(clock, List.of());
    }

    /** The recovery service with these start checks. */
    RecoveryService service(Clock clock, List<StartCheck> startChecks) {
        Topology topology = farm.topology();
        PublishedSets sets = new PublishedSets(new BackupShare(root), backup.serverRoot(), clock);
        RecoveryJournal journal = new RecoveryJournal(root, clock);
        return new RecoveryService(topology, new SetVerifier(2), sets, journal,
                new RebuildChecks(topology, sql, new LabHostResolver(farm), clock),
                new DataRestores(sets, journal, new FileStoreRestorer(2), sql),
                new CmdletSteps(topology, sets, journal, shell, sql, edgeMedia().toString()), startChecks, clock);
    }

    /** The folder the Edge's configuration is exported to, standing for the external media an operator carries. */
    Path edgeMedia() {
        return root.resolveSibling("edge-media");
    }

    /** The cmdlet lines the lab shell ran, in order. */
    List<String> cmdlets() {
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        if (!Files.exists(farm.transcriptFile())) {
            return lines;
        }
        try {
            for (String line : Files.readAllLines(farm.transcriptFile())) {
                JsonNode entry = json.readTree(line);
                if (entry.hasNonNull("cmdlet")) {
                    lines.add(entry.get("cmdlet").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The mount path of a file store of the lab topology. */
    Path fileStore(String name) {
        return farm.topology().fileStore(name).orElseThrow().mountPath();
    }

    /**
     * Every file under {@code folder} (relative path with {@code /}) with its size, SHA-256 and modification time, and
     * every folder with its modification time: what "byte for byte, with the times" compares.
     */
    static Map<String, String> tree(Path folder) {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                if (path.equals(folder)) {
                    continue;
                }
                String relative = folder.relativize(path).toString().replace(File.separatorChar, '/');
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                tree.put(relative, attributes.isDirectory() ? "folder " + attributes.lastModifiedTime().toMillis()
                        : attributes.size() + " " + Sha256.hashFile(path) + " " + attributes.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    /** {@code tree} without the Meeting.Active lock files, which a backup never copies (D15). */
    static Map<String, String> withoutMeetingActive(Map<String, String> tree) {
        Map<String, String> copy = new TreeMap<>(tree);
        copy.keySet().removeIf(path -> path.endsWith("/Meeting.Active"));
        return copy;
    }

    /** Writes a journal as a crash would have left it: {@code steps} recorded as started, none finished. */
    void journalLeftStarted(String recoveryId, String... steps) {
        StringBuilder json = new StringBuilder("{\"recoveryId\": \"" + recoveryId + "\", \"steps\": [");
        for (int i = 0; i < steps.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"step\": \"").append(steps[i])
                    .append("\", \"state\": \"started\", \"startedAt\": \"2026-11-26T03:00:00Z\"}");
        }
        json.append("]}");
        try {
            Path file = Files.createDirectories(root.resolve(".recoveries").resolve(recoveryId)).resolve("journal.json");
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many of the cmdlet lines run so far start with {@code prefix}. */
    long count(String prefix) {
        return cmdlets().stream().filter(line -> line.startsWith(prefix)).count();
    }
}
