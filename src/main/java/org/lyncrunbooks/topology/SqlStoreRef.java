package org.lyncrunbooks.topology;

/** Names one SQL Server instance of the topology: the server's FQDN and the instance name. */
public record SqlStoreRef(String fqdn, String instance) {

    /** The instance as Lync cmdlets and SQL Server tools write it: {@code sql01.contoso.local\rtc}. */
    public String display() {
        return fqdn + "\\" + instance;
    }

    /** The folder name used for this instance on the backup share: {@code sql01.contoso.local_rtc}. */
    public String folderName() {
        return fqdn + "_" + instance;
    }

    @Override
    public String toString() {
        return display();
    }
}
