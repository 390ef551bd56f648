package org.lyncrunbooks.drift;

/** The "Topology changed" tasks, as the drift check needs them (read and started by {@link CamundaDriftTasks}). */
interface DriftTasks {

    /** Whether a "Topology changed" task with this signature is open. */
    boolean openWith(String signature);

    /**
     * Starts {@code lync-topology-drift}: one "Topology changed — {@code subject}" task for the operators, and ends
     * every open one raised for other differences (the new task lists all of today's): an operator never works from
     * an older list. Returns how many were ended.
     */
    int raise(String subject, String differences, String yamlToAdd, String signature);
}
