package org.lyncrunbooks.lab;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lyncrunbooks.topology.FileStore;

/** The record that a file store share carries the ACLs Enable-CsTopology sets (R10 step 2). */
final class ShareAcls {

    static final List<String> GRANTS = List.of(
            "CONTOSO\\RTCHSUniversalServices: Modify",
            "CONTOSO\\RTCComponentUniversalServices: Modify",
            "CONTOSO\\RTCUniversalServerAdmins: Full Control",
            "CONTOSO\\RTCUniversalConfigReplicator: Read");

    private ShareAcls() {
    }

    static Map<String, Object> record(FileStore store, Instant setAt) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("fileStore", store.name());
        record.put("unc", store.unc());
        record.put("aclsSetAt", setAt.toString());
        record.put("grants", GRANTS);
        return record;
    }
}
