package org.lyncrunbooks.topology;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads and validates the topology once at start-up; an invalid topology stops the application. */
@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

    @Bean
    @ConditionalOnProperty("lync.topology-file")
    TopologySource configuredTopologySource(TopologyProperties properties) {
        return () -> properties.topologyFile().toAbsolutePath().normalize();
    }

    @Bean
    Topology topology(TopologySource source) {
        return TopologyReader.read(source.topologyFile());
    }
}
