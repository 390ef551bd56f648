package org.lyncrunbooks.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.lyncrunbooks.backupset.AtomicFiles;
import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.backupset.OrchestratorFolder;
import org.lyncrunbooks.backupset.SetId;
import org.lyncrunbooks.backupset.SetVerifier;
import org.lyncrunbooks.backupset.VerificationReport;

/**
 * The set a bootstrap restores from, verified, with the node's configuration staged beside its final place: the
 * configuration the set carries, pointed at the share this node reads and at the topology file put in place, is
 * written to {@code <config-dir>/.bootstrap-<set>/application.properties} for this start to read, and moved to
 * {@code <config-dir>/} (which later starts read) only once the engine database is restored.
 *
 * @param setId           the set
 * @param setDirectory    its folder on the share
 * @param engineFile      the engine database's file in it ({@code orchestrator/engine-h2.zip}, …)
 * @param configDirectory where the configuration and topology file go
 * @param staging         where they wait until the engine database is restored
 */
record StagedSet(String setId, Path setDirectory, Path engineFile, Path configDirectory, Path staging) {

    static final String CONFIGURATION = "application.properties";
    static final String MARKER = "lync.bootstrap.restored-set";

    /** Verifies the set and stages its configuration; refuses with the reason when anything is not as it must be. */
    static StagedSet stage(Path root, Optional<String> requestedSet, Path configDirectory, SetVerifier verifier) {
        Path share = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(share)) {
            throw new BootstrapRefusedException("the backup share root " + share + " does not exist or is not a folder "
                    + "(lync.bootstrap.from names the folder that holds CURRENT and the sets)");
        }
        BackupShare backupShare = new BackupShare(share);
        SetId id = requestedSet.filter(s -> !s.isBlank()).map(s -> SetId.parse(s.trim()).orElseThrow(() ->
                        new BootstrapRefusedException("'" + s.trim() + "' is not a set id (like 20261126T020000Z)")))
                .orElseGet(() -> backupShare.current().orElseThrow(() -> new BootstrapRefusedException(share + " has no CURRENT "
                        + "naming a published set; name one with --lync.bootstrap.set")));
        Path setDirectory = backupShare.publishedDirectory(id);
        if (!Files.isDirectory(setDirectory, LinkOption.NOFOLLOW_LINKS)) {
            throw new BootstrapRefusedException("set " + id + " is not a published set on " + share
                    + " (a .partial set is never restored from)");
        }
        VerificationReport report = verifier.verify(setDirectory, Set.of());
        if (!report.ok()) {
            List<String> problems = report.problems();
            throw new BootstrapRefusedException("set " + id + " does not verify against its manifest ("
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "")
                    + "); choose another set with --lync.bootstrap.set");
        }
        Path orchestrator = setDirectory.resolve(OrchestratorFolder.FOLDER);
        Path engineFile = OrchestratorFolder.ENGINE_DATABASE_FILES.stream().map(orchestrator::resolve)
                .filter(Files::isRegularFile).findFirst().orElseThrow(() -> new BootstrapRefusedException("set " + id
                        + " holds no engine database in " + OrchestratorFolder.FOLDER + "/"));
        Path configuration = orchestrator.resolve(OrchestratorFolder.CONFIGURATION);
        Path topology = orchestrator.resolve(OrchestratorFolder.TOPOLOGY);
        if (!Files.isRegularFile(configuration) || !Files.isRegularFile(topology)) {
            throw new BootstrapRefusedException("set " + id + " carries no " + OrchestratorFolder.CONFIGURATION + " and "
                    + OrchestratorFolder.TOPOLOGY + " (it was taken by a version that did not write them); choose a "
                    + "newer set with --lync.bootstrap.set");
        }
        Path config = configDirectory.toAbsolutePath().normalize();
        for (String name : List.of(CONFIGURATION, OrchestratorFolder.TOPOLOGY)) {
            if (Files.exists(config.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw new BootstrapRefusedException("a configuration is already in place: " + config.resolve(name)
                        + " exists. This node was bootstrapped already or configured by hand: start it without "
                        + "--lync.bootstrap.from, or move " + config + " away to bootstrap again");
            }
        }
        Path staging = config.resolve(".bootstrap-" + id);
        try {
            AtomicFiles.deleteTree(staging);
            Files.createDirectories(staging);
            Files.copy(topology, staging.resolve(OrchestratorFolder.TOPOLOGY), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(staging.resolve(CONFIGURATION), OrchestratorFolder.properties("lync-runbooks: the "
                    + "configuration restored from set " + id + " on " + share + ".\nNo password is kept here: give "
                    + "them through the environment (LYNC_DATASOURCE_PASSWORD and the like).",
                    nodeConfiguration(read(configuration), share, config, id.toString())), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the configuration in " + staging + ": " + e.getMessage(), e);
        }
        return new StagedSet(id.toString(), setDirectory, engineFile, config, staging);
    }

    /**
     * The set's configuration as this node uses it: the share it was bootstrapped from, the topology file put in
     * place, the set's engine profile and datasource URL (the environment's {@code LYNC_DATASOURCE_URL} still wins),
     * and the marker that has the engine hold the instances that were running for review.
     */
    static Map<String, String> nodeConfiguration(Map<String, String> carried, Path share, Path config, String setId) {
        Map<String, String> out = new LinkedHashMap<>();
        String profiles = carried.getOrDefault("spring.profiles.active", "");
        if (!profiles.isBlank()) {
            out.put("spring.profiles.include", profiles);
        }
        String url = carried.get("spring.datasource.url");
        if (url != null && !url.isBlank()) {
            out.put("spring.datasource.url", "${LYNC_DATASOURCE_URL:" + url + "}");
        }
        carried.forEach((key, value) -> {
            if (key.startsWith("lync.") && !key.startsWith("lync.bootstrap.")) {
                out.put(key, value);
            }
        });
        out.put("lync.backup.root", share.toString());
        out.put("lync.topology-file", config.resolve(OrchestratorFolder.TOPOLOGY).toString());
        out.put(MARKER, setId);
        return out;
    }

    /** Moves the staged files to their place: from now on every start of this node reads them. */
    void putInPlace() {
        try {
            for (String name : List.of(OrchestratorFolder.TOPOLOGY, CONFIGURATION)) {
                AtomicFiles.rename(staging.resolve(name), configDirectory.resolve(name));
            }
        } finally {
            discardStaging();
        }
    }

    void discardStaging() {
        AtomicFiles.deleteTree(staging);
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> out = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name)));
        return out;
    }
}
