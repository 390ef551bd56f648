package org.lyncrunbooks.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.lyncrunbooks.backupset.SetVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * First half of {@code --lync.bootstrap.from=<share root>} ({@code --lync.bootstrap.set=<id>}, default the set
 * {@code CURRENT} names): before the configuration files are read, it verifies the set and stages the configuration
 * the set carries, so that this start reads it like any {@code application.properties} — profiles, profile files and
 * all — with the command line and the environment still winning. {@link BootstrapRestorePostProcessor} then restores
 * the engine database.
 */
public class BootstrapStagingPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String FROM = "lync.bootstrap.from";
    static final String SET = "lync.bootstrap.set";
    static final String CONFIG_DIRECTORY = "lync.bootstrap.config-dir";
    static final String PROPERTY_SOURCE = "lyncBootstrap";
    static final String STAGED_SET = "lync.bootstrap.staged.set-directory";
    static final String STAGED_ENGINE_FILE = "lync.bootstrap.staged.engine-file";
    static final String STAGED_CONFIG = "lync.bootstrap.staged.config-dir";
    static final String STAGED_STAGING = "lync.bootstrap.staged.staging";
    static final String STAGED_ID = "lync.bootstrap.staged.set-id";

    private final Log log;

    public BootstrapStagingPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(BootstrapStagingPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String from = environment.getProperty(FROM);
        if (from == null || from.isBlank()) {
            return;
        }
        Path configDirectory = Path.of(environment.getProperty(CONFIG_DIRECTORY, "config"));
        log.info("Bootstrap from " + from + ": verifying the set against its manifest");
        StagedSet staged = StagedSet.stage(Path.of(from), Optional.ofNullable(environment.getProperty(SET)),
                configDirectory, new SetVerifier(Runtime.getRuntime().availableProcessors()));
        log.info("Bootstrap from set " + staged.setId() + ": verified; its configuration is staged in " + staged.staging());
        Map<String, Object> values = new HashMap<>();
        String additional = environment.getProperty("spring.config.additional-location");
        String location = "optional:file:" + staged.staging() + "/";
        values.put("spring.config.additional-location", additional == null || additional.isBlank() ? location
                : additional + "," + location);
        values.put(STAGED_SET, staged.setDirectory().toString());
        values.put(STAGED_ENGINE_FILE, staged.engineFile().toString());
        values.put(STAGED_CONFIG, staged.configDirectory().toString());
        values.put(STAGED_STAGING, staged.staging().toString());
        values.put(STAGED_ID, staged.setId());
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, values));
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
