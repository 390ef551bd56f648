package org.lyncrunbooks.drift;

/** The "Topology changed" tasks, as the drift check needs them (read and started by {@link CamundaDriftTasks}). */
interface DriftTasks {

    /** Whether a "Topology changed" task with this signature is open. */
    boolean openWith(String signature);

    /** Starts {@code lync-topology-drift}: one "Topology changed — {@code subject}" task for the operators. */
    void raise(String subject, String differences, String yamlToAdd, String signature);
}
