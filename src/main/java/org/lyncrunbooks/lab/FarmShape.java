package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shapes the lab farm can be generated in ({@code lync.lab.shape}), so that every procedure path runs in the lab.
 * Each shape is data: a topology template in {@code src/main/resources/lab-shapes/<name>.yaml}, filled in with the
 * seed and the file stores' folders; the generator builds the machines, databases and files from whatever topology
 * the template describes.
 */
public enum FarmShape {
    /** The Central Management store on the Enterprise Back End be01. */
    DEFAULT("default"),
    /** The same farm with the Central Management store on the Standard Edition server se01 (R4 on Standard Edition). */
    SE_CMS("se-cms"),
    /**
     * Servers with two parts each: pc01 is the Persistent Chat server and pool01's file server (R8 and R10), mon01
     * holds the Archiving/Monitoring instance and the Persistent Chat store (R11 and R12).
     */
    MULTI_ROLE("multi-role"),
    /**
     * Two sites, each with an Enterprise pool paired with the other's (the Backup Service between them), the Central
     * Management store in Site1 and its standby in Site2, an Edge pool per site with its site's pool as next hop: pool
     * and site failover, CMS failover and failback (H13, H14).
     */
    PAIRED_POOLS("paired-pools"),
    /**
     * The default farm with pool01's Back End be01 mirrored to be01m, with the witness sqlw01 (H5, P3): one side of a
     * mirror lost, the witness's automatic failover or the administrator's forced one, the mirror re-established
     * (R6, R7, H17).
     */
    MIRRORED_BACK_END("mirrored-back-end");

    private final String shapeName;

    FarmShape(String shapeName) {
        this.shapeName = shapeName;
    }

    /** The name used in {@code lync.lab.shape}. */
    public String shapeName() {
        return shapeName;
    }

    /** The shape named {@code name} (case-insensitive); blank means {@link #DEFAULT}. */
    public static FarmShape of(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        return Arrays.stream(values()).filter(s -> s.shapeName.equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lync.lab.shape '" + name + "' is not a lab farm shape; "
                        + "expected one of " + Arrays.stream(values()).map(FarmShape::shapeName)
                        .collect(Collectors.joining(", "))));
    }

    /** The topology YAML of this shape with the seed and the two file stores' folders (YAML-quoted) filled in. */
    String topologyYaml(long seed, String fs01, String fs02) {
        String resource = "/lab-shapes/" + shapeName + ".yaml";
        try (InputStream in = FarmShape.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the lab shape template " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${seed}", Long.toString(seed))
                    .replace("${fs01}", fs01).replace("${fs02}", fs02);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab shape template " + resource, e);
        }
    }

    @Override
    public String toString() {
        return shapeName.toLowerCase(Locale.ROOT);
    }
}
