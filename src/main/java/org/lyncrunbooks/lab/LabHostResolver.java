package org.lyncrunbooks.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.lyncrunbooks.recovery.HostResolver;
import org.lyncrunbooks.topology.Pool;

/**
 * The lab farm's DNS: a machine resolves to a fixed address of its own (in 10.13.0.0/16, derived from its FQDN)
 * while it has an operating system, and a pool name to the addresses of its servers that do (DNS load balancing).
 * A destroyed machine, an unknown name or a pool without a running server does not resolve.
 */
public class LabHostResolver implements HostResolver {

    private final LabFarm farm;

    public LabHostResolver(LabFarm farm) {
        this.farm = farm;
    }

    @Override
    public List<String> resolve(String fqdn) {
        if (fqdn == null || !farm.resolves(fqdn.strip())) {
            return List.of();
        }
        String name = fqdn.strip().toLowerCase(Locale.ROOT);
        if (farm.hosts().containsKey(name)) {
            return List.of(address(name));
        }
        Optional<Pool> pool = farm.topology().pool(name);
        return pool.map(p -> p.servers().stream().filter(farm::resolves).map(s -> address(s.toLowerCase(Locale.ROOT)))
                .toList()).orElse(List.of());
    }

    /** The lab address of a machine: the same every time, so that an operator can note it down before a rebuild. */
    public static String address(String fqdn) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fqdn.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return "10.13." + (hash[0] & 0xff) + "." + (1 + (hash[1] & 0xff) % 254);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
