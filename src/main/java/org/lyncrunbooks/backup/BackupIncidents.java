package org.lyncrunbooks.backup;

import java.util.List;

/** The engine's open incidents on the backup processes: what the {@code backup} health group reports. */
interface BackupIncidents {

    /**
     * The open incidents.
     *
     * @param count  how many are open
     * @param latest up to the number asked for, each as "type in process instance id: message"
     */
    record Open(long count, List<String> latest) {
    }

    /** The open incidents on {@code lync-backup-cycle} and its schedule, listing at most {@code listed}. */
    Open open(int listed);
}
