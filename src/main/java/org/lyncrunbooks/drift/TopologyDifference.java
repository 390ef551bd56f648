package org.lyncrunbooks.drift;

/**
 * One difference between the farm's published topology and the topology file.
 *
 * @param change  {@link Change#ADDED}: the farm has it and the file lacks it, so it is not backed up;
 *                {@link Change#REMOVED}: the file has it and the farm no longer does
 * @param kind    what it is: {@code pool}, {@code SQL store}, {@code database}, {@code file store}
 * @param name    the pool FQDN, {@code fqdn\instance}, {@code fqdn\instance/database} or the file store's UNC path
 */
public record TopologyDifference(Change change, String kind, String name) {

    public enum Change {
        ADDED, REMOVED
    }

    /** One line for people: "pool pool02.contoso.local is in the farm but not in the topology file". */
    public String describe() {
        return kind + " " + name + (change == Change.ADDED
                ? " is in the farm but not in the topology file (not backed up)"
                : " is in the topology file but no longer in the farm");
    }

    /** A stable key, the same for the same difference in every check. */
    String key() {
        return change + ":" + kind + ":" + name.toLowerCase(java.util.Locale.ROOT);
    }
}
