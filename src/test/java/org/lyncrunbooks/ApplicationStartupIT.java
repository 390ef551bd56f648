package org.lyncrunbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.ShellLauncherMissingException;
import org.lyncrunbooks.topology.Topology;
import org.lyncrunbooks.topology.TopologyInvalidException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up outside the lab profile, as in production: a valid topology and an administrator start the
 * application; an invalid topology, a missing or weak administrator, or a bad schedule stop it with a clear
 * message before anything runs.
 */
class ApplicationStartupIT {

    @TempDir
    Path dir;

    @Test
    void startsOnAProductionTopologyWithAConfiguredAdministrator() throws IOException {
        try (ConfigurableApplicationContext context = start(validTopology(), "--lync.security.admin.username=alice",
                "--lync.security.admin.password=Correct-Horse-42")) {
            assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain("lab");
            assertThat(context.getBean(Topology.class).name()).isEqualTo("Contoso");
            IdentityService identity = context.getBean(IdentityService.class);
            assertThat(identity.checkPassword("alice", "Correct-Horse-42")).isTrue();
            assertThat(identity.createUserQuery().userId("lab-admin").count()).as("no lab users outside the lab").isZero();
            assertThat(identity.createUserQuery().memberOfGroup("lync-administrators").count()).isEqualTo(1);
        }
    }

    @Test
    void refusesAnInvalidTopologyNamingTheFileTheFieldAndTheProblem() throws IOException {
        Path topology = validTopology();
        Files.writeString(topology, Files.readString(topology).replace("kind: enterprise", "kind: frontend"));

        assertThatThrownBy(() -> start(topology, "--lync.security.admin.username=alice",
                "--lync.security.admin.password=Correct-Horse-42"))
                .hasRootCauseInstanceOf(TopologyInvalidException.class)
                .rootCause().hasMessageContaining(topology.toString())
                .hasMessageContaining("sites[0].pools[0].kind: unknown pool kind 'frontend'");
    }

    @Test
    void refusesToStartWithoutAnAdministrator() throws IOException {
        Path topology = validTopology();

        assertThatThrownBy(() -> start(topology))
                .hasStackTraceContaining("No administrator exists and none is configured")
                .hasStackTraceContaining("LYNC_SECURITY_ADMIN_PASSWORD");
    }

    @Test
    void refusesAWeakAdministratorPassword() throws IOException {
        Path topology = validTopology();

        assertThatThrownBy(() -> start(topology, "--lync.security.admin.username=alice", "--lync.security.admin.password=lab"))
                .hasStackTraceContaining("too weak");
    }

    @Test
    void refusesAScheduleThatIsNotACron() throws IOException {
        Path topology = validTopology();

        assertThatThrownBy(() -> start(topology, "--lync.security.admin.username=alice",
                "--lync.security.admin.password=Correct-Horse-42", "--lync.backup.schedule=every night"))
                .hasStackTraceContaining("lync.backup.schedule 'every night' is not a valid Camunda cron");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aMissingShellLauncherOutsideTheLabIsOneClearLine(CapturedOutput output) throws IOException {
        Path topology = validTopology();

        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run("--lync.topology-file=" + topology,
                "--spring.datasource.url=jdbc:h2:mem:startup-" + System.nanoTime(), "--server.port=0",
                "--lync.security.admin.username=alice", "--lync.security.admin.password=Correct-Horse-42",
                "--camunda.bpm.webapp.enabled=false"))
                .isInstanceOf(ShellLauncherMissingException.class);

        String log = output.getAll();
        assertThat(log.lines().filter(l -> l.contains("lync.shell.launcher is not configured"))).hasSize(1);
        assertThat(log).doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("Error creating bean");
    }

    private ConfigurableApplicationContext start(Path topology, String... args) {
        String[] all = new String[args.length + 7];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--lync.topology-file=" + topology;
        all[args.length + 1] = "--spring.datasource.url=jdbc:h2:mem:startup-" + System.nanoTime();
        all[args.length + 2] = "--lync.backup.root=" + dir.resolve("backups");
        all[args.length + 3] = "--lync.shell.launcher=powershell.exe,-NoProfile,-NonInteractive,-Command,-";
        all[args.length + 4] = "--lync.backup.worker.enabled=false";
        all[args.length + 5] = "--server.port=0";
        // The webapps' lazy filter registration is static and assumes one application context per JVM; these tests
        // start several, one after the other.
        all[args.length + 6] = "--camunda.bpm.webapp.enabled=false";
        return new SpringApplicationBuilder(Application.class).run(all);
    }

    private Path validTopology() throws IOException {
        Files.createDirectories(dir.resolve("fs01"));
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, """
                name: Contoso
                sites:
                  - name: Redmond
                    pools:
                      - fqdn: pool01.contoso.local
                        kind: enterprise
                        servers: [fe01.contoso.local]
                        backEnd: sql01.contoso.local\\rtc
                        hostsCentralManagementStore: true
                        fileStore: fs01
                sqlStores:
                  - fqdn: sql01.contoso.local
                    instance: rtc
                    databases: [xds, lis, rtcxds, rtcdyn]
                fileStores:
                  - name: fs01
                    unc: '\\\\fs01.contoso.local\\lyncshare'
                    mountPath: fs01
                """);
        return file;
    }
}
