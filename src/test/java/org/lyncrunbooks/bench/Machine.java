package org.lyncrunbooks.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the benchmark ran on: CPU, cores, memory, disk, JDK and the plain tools' versions. */
final class Machine {

    private Machine() {
    }

    static String describe(Path work) {
        StringBuilder md = new StringBuilder();
        md.append("| | |\n|---|---|\n");
        md.append("| CPU | ").append(cpuModel()).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| RAM | ").append(memInfo()).append(" |\n");
        md.append("| disk | ").append(disk(work)).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" |\n");
        md.append("| tools | ").append(Tools.firstLine(List.of("cp", "--version"))).append("; ")
                .append(Tools.firstLine(List.of("sha256sum", "--version"))).append("; ")
                .append(Tools.firstLine(List.of("pg_dump", "--version"))).append("; ")
                .append(Tools.firstLine(List.of("rsync", "--version"))).append("; ")
                .append(Tools.firstLine(List.of("restic", "version"))).append(" |\n");
        return md.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown")
                    + (Files.readString(Path.of("/proc/cpuinfo")).contains(" sha_ni") ? " (SHA extensions: sha_ni)" : "");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String memInfo() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String disk(Path work) {
        Path existing = work.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String df = Tools.run(null, Map.of(), List.of("df", "-hT", existing == null ? "/" : existing.toString())).output().strip();
        String[] lines = df.split("\n");
        String[] f = lines[lines.length - 1].trim().split("\\s+");
        String device = f[0];
        String rotational = "";
        String name = device.replaceFirst("^/dev/", "").replaceAll("p?\\d+$", "");
        Path rot = Path.of("/sys/block", name, "queue/rotational");
        if (Files.exists(rot)) {
            try {
                rotational = Files.readString(rot).strip().equals("1") ? ", rotational" : ", non-rotational (SSD/virtual)";
            } catch (IOException e) {
                rotational = "";
            }
        }
        return device + " (" + f[1] + ", " + f[2] + " total" + rotational + "), benchmark data on it under the work folder";
    }
}
