package org.lyncrunbooks.topology;

import java.nio.file.Path;

/**
 * Supplies the topology file to read at start-up: {@code lync.topology-file} in production, or the lab farm's
 * generated topology in the {@code lab} profile.
 */
public interface TopologySource {

    Path topologyFile();
}
