package org.lyncrunbooks.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A node brought up from the backup share ({@code lync.bootstrap}). {@code from}, {@code set} and {@code config-dir}
 * are read before the configuration files (see {@link BootstrapStagingPostProcessor}); the bootstrap writes
 * {@code restored-set} into the configuration it puts in place.
 *
 * @param restoredSet the set this node's engine database was restored from; when set, the instances that were
 *                    running then are held for review once
 */
@ConfigurationProperties("lync.bootstrap")
public record BootstrapProperties(String restoredSet) {
}
