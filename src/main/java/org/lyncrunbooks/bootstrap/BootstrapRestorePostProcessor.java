package org.lyncrunbooks.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.lyncrunbooks.backupset.OrchestratorFolder;
import org.lyncrunbooks.postgres.PgRestore;
import org.lyncrunbooks.postgres.PostgresProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Second half of a bootstrap, once the configuration (the staged one included) is read and before anything uses
 * the engine database: restores the set's engine database into this node's datasource, which must be empty, then
 * puts the topology file and the configuration in place. On SQL Server it prints the {@code RESTORE DATABASE … WITH
 * MOVE} statement for a DBA instead, puts the configuration in place and stops.
 */
public class BootstrapRestorePostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    public BootstrapRestorePostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(BootstrapRestorePostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String setDirectory = environment.getProperty(BootstrapStagingPostProcessor.STAGED_SET);
        if (setDirectory == null) {
            return;
        }
        StagedSet staged = new StagedSet(environment.getProperty(BootstrapStagingPostProcessor.STAGED_ID),
                Path.of(setDirectory), Path.of(environment.getProperty(BootstrapStagingPostProcessor.STAGED_ENGINE_FILE)),
                Path.of(environment.getProperty(BootstrapStagingPostProcessor.STAGED_CONFIG)),
                Path.of(environment.getProperty(BootstrapStagingPostProcessor.STAGED_STAGING)));
        EngineDatabaseRestore.Target target = new EngineDatabaseRestore.Target(
                environment.getProperty("spring.datasource.url"), environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
        if (staged.engineFile().getFileName().toString().equals(OrchestratorFolder.SQLSERVER_BACKUP)) {
            sqlServer(environment, staged, target);
            return;
        }
        PostgresProperties postgres = new PostgresProperties(environment.getProperty("lync.postgres.pg-dump"),
                environment.getProperty("lync.postgres.timeout", Duration.class));
        Instant started = Instant.now();
        try {
            new EngineDatabaseRestore(new PgRestore(postgres.pgRestore(), postgres.timeout()))
                    .restore(staged.engineFile(), target);
        } catch (RuntimeException e) {
            staged.discardStaging();
            throw e;
        }
        staged.putInPlace();
        log.info("Bootstrap from set " + staged.setId() + ": engine database restored into " + target + " in "
                + Duration.between(started, Instant.now()).toMillis() + " ms; topology file and configuration put in "
                + staged.configDirectory() + "; the instances that were running are held for lync-administrators");
    }

    private void sqlServer(ConfigurableEnvironment environment, StagedSet staged, EngineDatabaseRestore.Target target) {
        String statement = SqlServerRestoreStatement.of(staged, target.url(),
                environment.getProperty("lync.backup.root-unc"), environment.getProperty("lync.backup.root"));
        System.out.println(statement);
        log.warn("Bootstrap from set " + staged.setId() + ": the engine database is on SQL Server; a DBA restores it "
                + "with the statement printed on standard output");
        staged.putInPlace();
        throw new BootstrapRefusedException("the engine database is on SQL Server: a DBA restores it with the statement "
                + "printed on standard output:\n" + statement + "\nThe topology file and the configuration are in place in "
                + staged.configDirectory() + "; once the database is restored, start the application again without "
                + "--lync.bootstrap.from");
    }

    @Override
    public int getOrder() {
        // after the configuration files, before the lab profile is decided (it reads lync.topology-file)
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
