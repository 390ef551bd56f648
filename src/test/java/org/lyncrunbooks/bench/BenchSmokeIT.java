package org.lyncrunbooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.testsupport.Prerequisites;

/**
 * The benchmark at tiny sizes, once each: it runs, our outputs equal the plain tools' (the manifest's SHA-256s are
 * sha256sum's, the restored tree is the source, our engine dump lists what pg_dump's lists) and it reports every
 * measurement. No timing is asserted: benchmarks belong to {@code bench/run}, not to the build.
 */
class BenchSmokeIT {

    @TempDir
    Path work;

    @Test
    void fileStoreBackupVerifyRestoreAndScaleAgreeWithThePlainTools() throws Exception {
        Prerequisites.require(Prerequisites.onPath("sha256sum") && Prerequisites.onPath("cp")
                && java.nio.file.Files.isExecutable(Path.of("/usr/bin/time")), "coreutils or /usr/bin/time is missing");

        Bench.Results results = new Bench(Bench.Options.smoke(work.resolve("bench"))
                .withSections(Set.of("filestore", "scale"))).run();

        assertThat(results.checks()).anyMatch(c -> c.startsWith("manifest SHA-256 of 63 files = sha256sum"))
                .anyMatch(c -> c.startsWith("restored tree SHA-256 of 63 files = sha256sum of the source"))
                .anyMatch(c -> c.startsWith("diff -r set tree = restored tree"));
        assertThat(results.rows()).extracting(Bench.Row::what).anyMatch(w -> w.startsWith("File store backup (copy"))
                .anyMatch(w -> w.startsWith("File store backup vs `cp -a` alone"))
                .anyMatch(w -> w.startsWith("Verification"))
                .anyMatch(w -> w.startsWith("File store restore"))
                .anyMatch(w -> w.startsWith("Peak memory growth per file"));
        assertThat(Bench.markdown(Bench.Options.smoke(work), results)).contains("## Machine", "| CPU |", "| JDK |",
                "## Results");
        assertThat(work.resolve("bench")).doesNotExist();
    }

    @Test
    void incrementalNightsRunBesideRsyncAndResticAndTheirSetRestoresByteForByte() throws Exception {
        Prerequisites.require(Prerequisites.onPath("rsync") && Prerequisites.onPath("restic")
                && Prerequisites.onPath("sha256sum") && Prerequisites.onPath("du"),
                "rsync or restic is not installed (Debian packages rsync, restic)");

        Bench.Results results = new Bench(Bench.Options.smoke(work.resolve("bench"))
                .withSections(Set.of("incremental"))).run();

        assertThat(results.checks()).anyMatch(c -> c.startsWith("restored night-2 (incremental) set SHA-256 of 63 files"))
                .anyMatch(c -> c.startsWith("diff -r night-2 set tree = source tree"));
        assertThat(results.rows()).extracting(Bench.Row::what)
                .anyMatch(w -> w.startsWith("Night 2 (1 % of files rewritten)"))
                .anyMatch(w -> w.startsWith("Night 3: file store backup + verification vs restic"))
                .anyMatch(w -> w.startsWith("Share growth on night 2"));
    }

    @Test
    void engineSelfBackupEqualsPlainPgDump() throws Exception {
        Prerequisites.require(Prerequisites.onPath("pg_dump") && Prerequisites.onPath("pg_restore"),
                "pg_dump/pg_restore are not installed (Debian package postgresql-client-15)");

        Bench.Results results = new Bench(Bench.Options.smoke(work.resolve("bench"))
                .withSections(Set.of("selfbackup"))).run();

        assertThat(results.checks()).anyMatch(c -> c.startsWith("pg_restore --list of our engine.dump = plain pg_dump -Fc"));
        assertThat(results.rows()).extracting(Bench.Row::what)
                .containsExactly("Engine database self-backup (PostgreSQL) vs `pg_dump -Fc`");
    }

    @Test
    void orchestrationRunsTheLabCycleThroughTheEngineAndWithout() throws Exception {
        Bench.Results results = new Bench(Bench.Options.smoke(work.resolve("bench"))
                .withSections(Set.of("orchestration"))).run();

        List<String> rows = results.rows().stream().map(Bench.Row::what).toList();
        assertThat(rows).singleElement().asString().startsWith("Orchestration overhead per item");
        assertThat(results.details()).singleElement().asString().contains("10 items: engine");
    }

    @Test
    void theRestoreDrillOfTheLabSetRunsAndIsSetAgainstVerification() throws Exception {
        Bench.Results results = new Bench(Bench.Options.smoke(work.resolve("bench"))
                .withSections(Set.of("drill"))).run();

        assertThat(results.rows()).extracting(Bench.Row::what).anyMatch(w -> w.startsWith("Restore drill of the whole lab set"))
                .anyMatch(w -> w.startsWith("Drill of the SQL Server backups"));
        assertThat(results.checks()).anyMatch(c -> c.startsWith("restore drill of the lab set: all 12 items of set"));
    }
}
