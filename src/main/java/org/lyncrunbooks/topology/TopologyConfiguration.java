package org.lyncrunbooks.topology;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Reads and validates the topology once at start-up; an invalid topology stops the application. */
@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

    /** A configured topology file wins over the lab farm's, should both be active. */
    @Bean
    @Primary
    @ConditionalOnProperty("lync.topology-file")
    TopologySource configuredTopologySource(TopologyProperties properties) {
        return () -> properties.topologyFile().toAbsolutePath().normalize();
    }

    @Bean
    Topology topology(TopologySource source) {
        return TopologyReader.read(source.topologyFile());
    }
}
