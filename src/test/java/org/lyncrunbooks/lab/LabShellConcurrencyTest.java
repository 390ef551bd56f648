package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lyncrunbooks.lab.LabFixtures.PCHAT;
import static org.lyncrunbooks.lab.LabFixtures.POOL;
import static org.lyncrunbooks.lab.LabFixtures.SE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;

class LabShellConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void exportsRunInParallelFromManyThreads() throws Exception {
        LabFarm farm = LabFixtures.farm(dir.resolve("farm"));
        LabShell shell = new LabShell(farm);
        LabSqlServer sql = new LabSqlServer(farm);
        Path out = Files.createDirectories(dir.resolve("set"));
        List<Cmdlet> cmdlets = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            cmdlets.add(Cmdlet.of("Export-CsConfiguration").with("FileName", out.resolve("cfg" + round + ".zip").toString()));
            cmdlets.add(Cmdlet.of("Export-CsUserData").with("PoolFqdn", POOL).with("FileName", out.resolve("p" + round + ".zip").toString()));
            cmdlets.add(Cmdlet.of("Export-CsUserData").with("PoolFqdn", SE).with("FileName", out.resolve("s" + round + ".zip").toString()));
            cmdlets.add(Cmdlet.of("Export-CsRgsConfiguration").with("Source", "ApplicationServer:" + POOL)
                    .with("FileName", out.resolve("r" + round + ".zip").toString()));
            cmdlets.add(Cmdlet.of("Export-CsPersistentChatData").with("DBInstance", PCHAT.display())
                    .with("FileName", out.resolve("c" + round + ".zip").toString()));
            cmdlets.add(Cmdlet.of("Export-CsLisConfiguration").with("FileName", out.resolve("l" + round + ".zip").toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<ShellOutput>> tasks = new ArrayList<>();
            cmdlets.forEach(c -> tasks.add(() -> LabFixtures.run(shell, c)));
            for (int i = 0; i < 3; i++) {
                Path bak = out.resolve("LcsCDR" + i + ".bak");
                tasks.add(() -> {
                    sql.backupDatabase(LabFixtures.MON, "LcsCDR", bak.toString(), false);
                    return new ShellOutput(0, "", "");
                });
            }
            for (Future<ShellOutput> result : pool.invokeAll(tasks)) {
                assertThat(result.get().succeeded()).as(result.get().stderr()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        for (int round = 0; round < 3; round++) {
            assertThat(new ExportZip(out.resolve("p" + round + ".zip")).tables).isEqualTo(new ExportZip(out.resolve("p0.zip")).tables);
            assertThat(new ExportZip(out.resolve("cfg" + round + ".zip")).tables.get("xds.policies")).isNotEmpty();
            sql.verifyBackup(LabFixtures.MON, out.resolve("LcsCDR" + round + ".bak").toString());
        }
        assertThat(Files.readAllLines(farm.transcriptFile())).hasSize(cmdlets.size())
                .allSatisfy(line -> assertThat(line).contains("\"exitCode\":0"));
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("."))).isEmpty();
        }
    }
}
