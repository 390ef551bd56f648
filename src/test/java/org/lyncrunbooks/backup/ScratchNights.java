package org.lyncrunbooks.backup;

import java.nio.file.*;
import java.util.*;
import org.lyncrunbooks.topology.BackupItem;

public class ScratchNights {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int nights = Integer.parseInt(args[1]);
        Path source = dir.resolve("source");
        if (!Files.exists(source)) {
            byte[] b = new byte[4096];
            Random r = new Random(1);
            for (int i = 0; i < 20400; i++) {
                Path f = source.resolve(String.format("conference-%02d/meeting-content-%06d.dat", i % 40, i));
                Files.createDirectories(f.getParent());
                r.nextBytes(b);
                Files.write(f, b);
            }
        }
        BackupSteps steps = new BackupSteps(dir.resolve("share"), 2, null, null, "pg_dump");
        BackupItem item = BackupSteps.fileStore("bench-fs", source);
        for (int n = 0; n < nights; n++) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            String id = steps.prepare(List.of(item));
            long t1 = System.nanoTime();
            steps.runItem(id, 0);
            long t2 = System.nanoTime();
            steps.writeManifest(id);
            long t3 = System.nanoTime();
            steps.verify(id);
            long t4 = System.nanoTime();
            long c4 = os.getProcessCpuTime();
            steps.publish(id);
            long t5 = System.nanoTime();
            System.out.printf("night %d: prepare %.1f item %.1f manifest %.1f verify %.1f publish %.1f total(b+v) %.1f ms cpu %.1f ms%n", n,
                (t1-t0)/1e6, (t2-t1)/1e6, (t3-t2)/1e6, (t4-t3)/1e6, (t5-t4)/1e6, (t4-t0)/1e6, (c4-c0)/1e6);
        }
        System.exit(0);
    }
}
