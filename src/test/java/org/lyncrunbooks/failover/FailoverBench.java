package org.lyncrunbooks.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.lyncrunbooks.backupset.BackupShare;
import org.lyncrunbooks.lab.FarmShape;
import org.lyncrunbooks.lab.LabFarm;
import org.lyncrunbooks.lab.LabProperties;
import org.lyncrunbooks.lab.LabShell;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.LyncShell;
import org.lyncrunbooks.lyncshell.ShellProperties;

/**
 * The machine time of the lab's pool failover and failback, for {@code bench/run}: Site1 of the paired-pools lab
 * (pool01 and the Central Management store) is lost, and the runbook's automated steps run one after the other as
 * the engine would run them — without the people's time, which Microsoft's 30-minute target excludes as well (its
 * clock starts when the administrator starts the failover). Each run fails the site back and the store back, so every
 * run takes the same path.
 */
public final class FailoverBench {

    static final String POOL01 = "pool01.lab.contoso.local";
    static final String POOL02 = "pool02.lab.contoso.local";

    /** Seconds per run: failover (CMS, Edge, pool, LIS) and failback (sync, failback, conference content). */
    public record Result(List<Double> failover, List<Double> failback, int usersPerPool) {
    }

    private FailoverBench() {
    }

    public static Result run(Path dir, int usersPerPool, int runs) throws IOException {
        LabFarm farm = new LabFarm(new LabProperties(dir.resolve("lab"), 0, usersPerPool, 20, Duration.ZERO,
                FarmShape.PAIRED_POOLS));
        farm.topology();
        LyncShell shell = new LyncShell(new LabShell(farm), new ShellProperties(null, null, null, null));
        Path share = dir.resolve("share");
        String setId = "20261207T020000Z";
        Path lis = share.resolve(setId).resolve("cms/LisConfiguration.zip");
        Files.createDirectories(lis.getParent());
        shell.run(Cmdlet.of("Export-CsLisConfiguration").with("FileName", lis.toString()));
        FailoverService service = new FailoverService(farm.topology(), shell, new BackupShare(share), share.toString(),
                names -> List.of(), Clock.systemUTC());
        List<Double> failover = new ArrayList<>();
        List<Double> failback = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            farm.failSite("Site1");
            long started = System.nanoTime();
            FailoverService.CmsLocation cms = service.locateCentralManagementStore(POOL01);
            if (!cms.failoverNeeded()) {
                throw new IllegalStateException("the Central Management store should be in the failed pool: " + cms);
            }
            service.failOverCentralManagementStore(cms.cmsPoolFqdn());
            service.checkCentralManagementStore(cms.cmsPoolFqdn(), POOL01);
            service.repointEdgeServers(POOL01, POOL02);
            service.failOverPool(POOL01);
            service.restoreLisIntoBackupPool(setId);
            double over = (System.nanoTime() - started) / 1e9;
            farm.repairSite("Site1");
            started = System.nanoTime();
            service.synchronizeBackupService(POOL01, POOL02);
            service.failBackPool(POOL01);
            service.resyncConferenceContent(POOL01);
            double back = (System.nanoTime() - started) / 1e9;
            // back to where the run started: the store in pool01, the Edge's next hop pool01
            shell.run(Cmdlet.of("Invoke-CsManagementServerFailover").withSwitch("Force"));
            shell.run(Cmdlet.of("Set-CsEdgeServer").with("Identity", "EdgeServer:edge01.lab.contoso.local")
                    .with("Registrar", "Registrar:" + POOL01));
            if (run > 0) {
                failover.add(over);
                failback.add(back);
            }
        }
        return new Result(failover, failback, usersPerPool);
    }
}
