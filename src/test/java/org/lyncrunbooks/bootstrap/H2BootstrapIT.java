package org.lyncrunbooks.bootstrap;

import java.util.Map;


/** {@link BootstrapScenario} on the default engine database, an H2 file: the application's data folder is deleted. */
class H2BootstrapIT extends BootstrapScenario {

    @Override
    void startTheEngineDatabase() {
        // an embedded file database: nothing to start
    }

    @Override
    void stopTheEngineDatabase() {
        // nothing to stop
    }

    private String url() {
        return "jdbc:h2:file:" + work.resolve("data/engine/lync-runbooks") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Override
    Map<String, String> engineProperties() {
        return Map.of("spring.datasource.url", url());
    }

    @Override
    Map<String, String> firstNodeEnvironment() {
        return Map.of();
    }

    @Override
    Map<String, String> newNodeEnvironment() {
        // the URL comes from the configuration the set carries
        return Map.of();
    }

    @Override
    void loseTheEngineDatabase() {
        org.lyncrunbooks.backupset.AtomicFiles.deleteTree(work.resolve("data"));
    }

    @Override
    String engineFile() {
        return "engine-h2.zip";
    }

    @Override
    boolean continueTheWaitingRecovery() {
        return true;
    }
}
