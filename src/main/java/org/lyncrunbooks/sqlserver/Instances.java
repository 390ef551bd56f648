package org.lyncrunbooks.sqlserver;

import java.util.Locale;

import org.lyncrunbooks.topology.SqlStoreRef;

/**
 * How this package names a SQL Server instance: {@code fqdn\instance} for a named instance, the bare FQDN for
 * the default instance (no instance name, or {@code MSSQLSERVER}, which is what SQL Server calls it).
 */
final class Instances {

    static final String DEFAULT_INSTANCE = "MSSQLSERVER";

    private Instances() {
    }

    static boolean isDefault(SqlStoreRef ref) {
        String instance = ref.instance();
        return instance == null || instance.isBlank() || instance.equalsIgnoreCase(DEFAULT_INSTANCE);
    }

    /** The instance as messages show it: {@code sql01.contoso.local\rtc}, or the FQDN for a default instance. */
    static String display(SqlStoreRef ref) {
        return isDefault(ref) ? ref.fqdn() : ref.fqdn() + "\\" + ref.instance();
    }

    /** The case-insensitive key under which credentials are looked up. */
    static String key(SqlStoreRef ref) {
        return display(ref).toLowerCase(Locale.ROOT);
    }

    /** The same key for a configured {@code fqdn\instance} or {@code fqdn} string. */
    static String key(String configured) {
        String text = configured.trim();
        int slash = text.indexOf('\\');
        if (slash < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        return key(new SqlStoreRef(text.substring(0, slash), text.substring(slash + 1)));
    }
}
