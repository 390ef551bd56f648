package org.lyncrunbooks.drift;

import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables of {@code lync-topology-drift}, and the one the backup run's check writes. Only names of pools,
 * stores and paths: nothing secret is in a topology.
 */
public final class TopologyDriftVariables {

    /** The differences, one per line, as people read them. */
    public static final String DIFFERENCES = "topologyDifferences";
    /** The YAML to add to the topology file. */
    public static final String YAML_TO_ADD = "topologyYamlToAdd";
    /** SHA-256 of the differences' keys: an open task with the same signature is not raised again. */
    public static final String SIGNATURE = "topologyDriftSignature";
    /** The person's answer: {@link TopologyDriftProcess#DECISION_HANDLED}. */
    public static final String DECISION = "topologyChangeDecision";
    /** What the person did, in a sentence (optional). */
    public static final String NOTE = "topologyChangeNote";
    /** On a backup run: what the check of the farm's topology found, in one line. */
    public static final String BACKUP_RUN_CHECK = "farmTopologyCheck";

    private TopologyDriftVariables() {
    }

    /** The engine keeps a string variable of at most 4000 characters. */
    private static final int TEXT_LIMIT = 3800;

    static Map<String, Object> start(String differences, String yamlToAdd, String signature) {
        return Map.of(DIFFERENCES, bounded(differences), YAML_TO_ADD, bounded(yamlToAdd), SIGNATURE, signature);
    }

    private static String bounded(String text) {
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT)
                + "\n… (cut; GET /api/topology/drift has all of it)";
    }

    static void setBackupRunCheck(VariableScope scope, String line) {
        scope.setVariable(BACKUP_RUN_CHECK, line);
    }
}
