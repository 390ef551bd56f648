package org.lyncrunbooks.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.lyncrunbooks.backupset.OrchestratorFolder;
import org.lyncrunbooks.secrets.Redaction;
import org.lyncrunbooks.topology.Topology;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Writes, beside the engine database in a set's {@code orchestrator/} folder, what a new node needs besides it: the
 * topology file exactly as this application read it at start-up, and the effective configuration without secrets
 * ({@code configuration.properties}: every {@code lync.*} key, {@code spring.datasource.url} and the active
 * profiles). Passwords are never written (I5): no key naming a password, secret or token is kept except the
 * <em>names</em> {@code password-env} and {@code password-file} of {@code lync.sql.credentials}, and every value goes
 * through {@link Redaction}; the datasource user and password are left to the new node's own environment.
 */
@Component
class NodeSnapshot {

    private final Topology topology;
    private final Environment environment;

    NodeSnapshot(Topology topology, Environment environment) {
        this.topology = topology;
        this.environment = environment;
    }

    /**
     * Writes both files into {@code dir} and returns them, the topology first. Without a topology (the benchmark's
     * stand-alone runs of single items have none) only the configuration is written.
     */
    java.util.List<Path> write(Path dir, String setId) {
        java.util.List<Path> written = new java.util.ArrayList<>();
        try {
            if (topology != null) {
                written.add(Files.write(dir.resolve(OrchestratorFolder.TOPOLOGY), topologyAsRead()));
            }
            written.add(Files.writeString(dir.resolve(OrchestratorFolder.CONFIGURATION),
                    properties(setId, effectiveConfiguration(environment)), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The topology file's bytes, refused when they are no longer the ones read at start-up. */
    private byte[] topologyAsRead() throws IOException {
        byte[] bytes = Files.readAllBytes(topology.source());
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!sha256.equalsIgnoreCase(topology.sha256())) {
            throw new IllegalStateException("the topology file " + topology.source() + " changed since the application "
                    + "started (SHA-256 now " + sha256 + ", read at start-up " + topology.sha256() + "); the set must "
                    + "carry the topology the run used: restart the application so that it reads the new file");
        }
        return bytes;
    }

    /**
     * The effective configuration to carry in a set: every {@code lync.*} key (except {@code lync.bootstrap.*}, which
     * belongs to one start), {@code spring.datasource.url} and {@code spring.profiles.active}, without secrets.
     */
    static SortedMap<String, String> effectiveConfiguration(Environment environment) {
        SortedMap<String, String> out = new TreeMap<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
                if (source instanceof IterableConfigurationPropertySource iterable) {
                    iterable.stream().map(ConfigurationPropertyName::toString)
                            .filter(name -> name.startsWith("lync.") && !name.startsWith("lync.bootstrap."))
                            .filter(name -> !secret(name))
                            .forEach(name -> {
                                if (!out.containsKey(name)) {
                                    String value = resolved(environment, name);
                                    if (value != null) {
                                        out.put(name, Redaction.scrub(value));
                                    }
                                }
                            });
                }
            }
        }
        String url = environment.getProperty("spring.datasource.url");
        if (url != null) {
            out.put("spring.datasource.url", Redaction.scrub(url));
        }
        out.put("spring.profiles.active", String.join(",", environment.getActiveProfiles()));
        return out;
    }

    private static String resolved(Environment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException unresolvable) {
            return null;
        }
    }

    /** A key that names a password, a secret or a token (but not where a password is referenced from). */
    static boolean secret(String name) {
        for (String element : name.toLowerCase(Locale.ROOT).split("[.\\[\\]]")) {
            if (element.equals("password-env") || element.equals("password-file")) {
                continue;
            }
            if (element.contains("password") || element.contains("secret") || element.contains("token")
                    || element.equals("pwd") || element.contains("api-key") || element.contains("apikey")) {
                return true;
            }
        }
        return false;
    }

    private static String properties(String setId, Map<String, String> values) {
        return OrchestratorFolder.properties("lync-runbooks: the effective configuration of the node that wrote set " + setId
                + " (" + Instant.now() + ").\nNo password, secret or token is written here: give them again on a new node.",
                values);
    }
}
