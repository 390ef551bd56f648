package org.lyncrunbooks.lab;

import java.nio.file.Path;
import java.time.Duration;

import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.topology.SqlStoreRef;

/** Small lab farms and scripts for the lab tests. */
final class LabFixtures {

    static final Duration TIMEOUT = Duration.ofMinutes(1);
    static final String PREAMBLE = "$ErrorActionPreference = 'Stop'\nImport-Module Lync\n";

    static final String POOL = "pool01.lab.contoso.local";
    static final String SE = "se01.lab.contoso.local";
    static final String FE1 = "fe01.lab.contoso.local";
    static final String FE2 = "fe02.lab.contoso.local";
    static final SqlStoreRef BE = new SqlStoreRef("be01.lab.contoso.local", "rtc");
    static final SqlStoreRef SE_SQL = new SqlStoreRef("se01.lab.contoso.local", "rtc");
    static final SqlStoreRef MON = new SqlStoreRef("mon01.lab.contoso.local", "archmon");
    static final SqlStoreRef PCHAT = new SqlStoreRef("pcsql01.lab.contoso.local", "pchat");

    private LabFixtures() {
    }

    static LabProperties small(Path dir) {
        return new LabProperties(dir, 7, 12, 24, Duration.ZERO);
    }

    static LabFarm farm(Path dir) {
        LabFarm farm = new LabFarm(small(dir));
        farm.topology();
        return farm;
    }

    /** A small farm of another shape. */
    static LabFarm farm(Path dir, FarmShape shape) {
        LabFarm farm = new LabFarm(new LabProperties(dir, 7, 12, 24, Duration.ZERO, shape));
        farm.topology();
        return farm;
    }

    static String script(Cmdlet cmdlet) {
        return PREAMBLE + cmdlet.render();
    }

    static ShellOutput run(LabShell shell, Cmdlet cmdlet) {
        return shell.run(script(cmdlet), TIMEOUT);
    }

    static ShellOutput runOk(LabShell shell, Cmdlet cmdlet) {
        ShellOutput out = run(shell, cmdlet);
        if (!out.succeeded()) {
            throw new AssertionError(cmdlet.render() + " failed with exit code " + out.exitCode() + ":\n" + out.stderr());
        }
        return out;
    }
}
