package org.lyncrunbooks.topology;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the topology comes from.
 *
 * @param topologyFile path of the topology YAML ({@code lync.topology-file}); when unset the {@code lab}
 *                     profile generates a lab farm and its topology
 */
@ConfigurationProperties("lync")
public record TopologyProperties(Path topologyFile) {
}
