package org.lyncrunbooks.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;
import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyInvalidException;
import org.lyncrunbooks.topology.TopologyReader;
import org.lyncrunbooks.topology.TopologyWriter;

/**
 * The topology generated from the farm ({@code Get-CsTopology -AsXml} through the Management Shell) is a topology
 * file that, once its fill-in values are filled, {@link TopologyReader} accepts and that describes the same farm.
 */
class FarmTopologyRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedFileWithItsMountPathsFilledInIsAcceptedAndEqualsTheFarm() throws Exception {
        roundTrip(FarmShape.DEFAULT);
    }

    @Test
    void theMultiRoleFarmRoundTripsToo() throws Exception {
        roundTrip(FarmShape.MULTI_ROLE);
    }

    @Test
    void theGeneratedFileIsRefusedUntilTheMountPathsAreFilledIn() throws Exception {
        LabFarm farm = farm(FarmShape.DEFAULT);
        Path file = dir.resolve("unfilled.yaml");
        Files.writeString(file, service(farm).fromFarm());
        assertThatThrownBy(() -> TopologyReader.read(file)).isInstanceOf(TopologyInvalidException.class)
                .hasMessageContaining("mountPath");
    }

    private void roundTrip(FarmShape shape) throws Exception {
        LabFarm farm = farm(shape);
        Topology expected = farm.topology();
        String yaml = service(farm).fromFarm();
        assertThat(yaml).contains(TopologyWriter.FILL_IN);
        for (FileStore store : expected.fileStores()) {
            yaml = yaml.replace("'" + TopologyWriter.FILL_IN + "the folder where this application reads " + store.unc()
                    + ">'", "'" + store.mountPath() + "'");
        }
        Path file = dir.resolve(shape.shapeName() + ".yaml");
        Files.writeString(file, yaml);

        Topology read = TopologyReader.read(file);

        assertThat(TopologyComparison.compare(expected, read)).isEmpty();
        assertThat(read.name()).isEqualTo(expected.name());
        assertThat(read.simpleUrls()).isEqualTo(expected.simpleUrls());
        assertThat(read.sites()).extracting(s -> s.name()).isEqualTo(expected.sites().stream().map(s -> s.name()).toList());
        for (Pool pool : expected.pools().toList()) {
            Pool generated = read.pool(pool.fqdn()).orElseThrow();
            assertThat(withoutFileStore(generated)).as(pool.fqdn()).isEqualTo(withoutFileStore(pool));
            assertThat(pool.fileStoreName().map(n -> expected.fileStore(n).orElseThrow().unc()))
                    .isEqualTo(generated.fileStoreName().map(n -> read.fileStore(n).orElseThrow().unc()));
        }
        assertThat(sorted(read)).isEqualTo(sorted(expected));
        for (FileStore store : expected.fileStores()) {
            assertThat(read.fileStores()).anySatisfy(f -> {
                assertThat(f.unc()).isEqualTo(store.unc());
                assertThat(f.mountPath()).isEqualTo(store.mountPath());
            });
        }
    }

    private LabFarm farm(FarmShape shape) {
        LabFarm farm = new LabFarm(new LabProperties(dir.resolve("lab-" + shape.shapeName()), 7, 6, 6, Duration.ZERO,
                shape));
        farm.topology();
        return farm;
    }

    private static TopologyDriftService service(LabFarm farm) {
        LyncShell shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        return new TopologyDriftService(farm.topology(), new FarmTopologyReader(shell), new NoTasks(),
                java.time.Clock.systemUTC());
    }

    /**
     * The pool without what the farm cannot tell: the file store's name (the generated file names it after its share)
     * and how Persistent Chat data is backed up (an application choice; the generated file says export, the default).
     */
    private static Pool withoutFileStore(Pool pool) {
        return new Pool(pool.fqdn(), pool.kind(), pool.site(), pool.servers(), pool.backEnd(),
                pool.hostsCentralManagementStore(), pool.responseGroup(), null, pool.persistentChatStore(),
                pool.persistentChatStore() == null ? null : Pool.PersistentChatBackup.EXPORT, pool.webServices(),
                pool.edgeFqdns(), pool.backupPool(), pool.nextHop());
    }

    private static List<String> sorted(Topology topology) {
        return topology.sqlStores().stream().map(s -> s.fqdn() + "\\" + s.instance() + " collocated=" + s.collocated()
                + " " + s.databases().stream().sorted().toList()).sorted(Comparator.naturalOrder()).toList();
    }

    /** The round trip raises no task: the farm and the file are the same. */
    private static final class NoTasks implements DriftTasks {
        @Override
        public boolean openWith(String signature) {
            throw new AssertionError("no task is looked for when generating the file");
        }

        @Override
        public int raise(String subject, String differences, String yamlToAdd, String signature) {
            throw new AssertionError("no task is raised when generating the file");
        }
    }
}
