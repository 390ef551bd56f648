package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.ShellLauncher;
import org.lyncrunbooks.recovery.HostResolver;
import org.lyncrunbooks.sqlserver.SqlServerClient;
import org.lyncrunbooks.topology.TopologySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LabConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(LabConfiguration.class);

    @Test
    void providesTheFarmTheShellTheSqlServerAndTheDnsInTheLabProfile() {
        runner.withPropertyValues("spring.profiles.active=lab", "lync.lab.directory=" + dir.resolve("farm"),
                        "lync.lab.users-per-pool=5", "lync.lab.files-per-store=4", "lync.lab.cmdlet-delay=PT0.5S")
                .run(context -> {
                    assertThat(context).hasSingleBean(LabFarm.class);
                    assertThat(context).hasSingleBean(ShellLauncher.class);
                    assertThat(context).hasSingleBean(SqlServerClient.class);
                    assertThat(context).hasSingleBean(TopologySource.class);
                    assertThat(context.getBean(ShellLauncher.class)).isInstanceOf(LabShell.class);
                    assertThat(context.getBean(SqlServerClient.class)).isInstanceOf(LabSqlServer.class);
                    assertThat(context.getBean(HostResolver.class)).isInstanceOf(LabHostResolver.class);
                    LabProperties properties = context.getBean(LabFarm.class).properties();
                    assertThat(properties.usersPerPool()).isEqualTo(5);
                    assertThat(properties.seed()).isEqualTo(2013);
                    assertThat(properties.cmdletDelay()).isEqualTo(Duration.ofMillis(500));
                    assertThat(context.getBean(LabFarm.class).directory()).isEqualTo(dir.resolve("farm").toAbsolutePath());
                });
    }

    @Test
    void usesTheDefaultsWhenNothingIsConfigured() {
        runner.withPropertyValues("spring.profiles.active=lab").run(context -> {
            LabProperties properties = context.getBean(LabFarm.class).properties();
            assertThat(properties).isEqualTo(LabProperties.defaults());
            assertThat(properties.directory()).isEqualTo(Path.of("./data/lab"));
            assertThat(properties.filesPerStore()).isEqualTo(300);
            assertThat(properties.cmdletDelay()).isZero();
        });
    }

    @Test
    void providesNothingOutsideTheLabProfile() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(LabFarm.class);
            assertThat(context).doesNotHaveBean(ShellLauncher.class);
            assertThat(context).doesNotHaveBean(SqlServerClient.class);
            assertThat(context).doesNotHaveBean(HostResolver.class);
        });
    }
}
