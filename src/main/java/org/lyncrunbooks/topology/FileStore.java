package org.lyncrunbooks.topology;

import java.nio.file.Path;

/**
 * A Lync file store: its name in the topology, the UNC path Lync servers use, and the local mount path
 * through which this application reads and writes it.
 */
public record FileStore(String name, String unc, Path mountPath) {

    /** The FQDN of the server that shares the store, taken from the UNC path ({@code \\fs01.contoso.local\share}). */
    public String serverFqdn() {
        String rest = unc.substring(2);
        int slash = rest.indexOf('\\');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
