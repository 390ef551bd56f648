package org.lyncrunbooks.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.Site;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;

/**
 * The published topology as the Central Management store holds it and {@code Get-CsTopology -AsXml} prints it, in
 * the shape of Microsoft's document (namespace {@code urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008}):
 * {@code <Sites>} of {@code <CentralSite SiteId>}, {@code <Clusters>} of {@code <Cluster Fqdn>} with a
 * {@code <ClusterId SiteId Number>} and their {@code <Machine Fqdn>}s (pools, SQL Servers and file servers alike),
 * {@code <SqlInstances>}, and {@code <Services>} each with a {@code <ServiceId SiteId RoleName Instance>}, its
 * {@code <DependsOn>} and where it is {@code <InstalledOn>}. The databases of a SQL instance are not listed: they
 * follow from the store roles installed on it (UserStore, ApplicationStore, CentralMgmtStore, ArchivingStore,
 * MonitoringStore, PersistentChatStore, PersistentChatComplianceStore), as Install-CsDatabase creates them.
 */
final class TopologyXml {

    static final String NAMESPACE = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008";
    static final String SERVICE_ROLES = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008";

    /** The store roles of a SQL instance, in the order Topology Builder lists them, with the databases each creates. */
    static final Map<String, List<LyncDatabase>> STORE_ROLES = storeRoles();

    private final Topology topology;
    private final StringBuilder sb = new StringBuilder();
    private final Map<String, Integer> siteIds = new LinkedHashMap<>();
    private final Map<String, String> clusterIds = new LinkedHashMap<>();
    private final Map<String, Integer> instances = new LinkedHashMap<>();

    private TopologyXml(Topology topology) {
        this.topology = topology;
    }

    /** The document of {@code topology}. */
    static String of(Topology topology) {
        return new TopologyXml(topology).render();
    }

    private static Map<String, List<LyncDatabase>> storeRoles() {
        Map<String, List<LyncDatabase>> roles = new LinkedHashMap<>();
        roles.put("CentralMgmtStore", List.of(LyncDatabase.XDS, LyncDatabase.LIS));
        roles.put("UserStore", List.of(LyncDatabase.RTCXDS, LyncDatabase.RTCSHARED, LyncDatabase.RTCAB,
                LyncDatabase.RTCAB1, LyncDatabase.RTCDYN));
        roles.put("ApplicationStore", List.of(LyncDatabase.RGSCONFIG, LyncDatabase.RGSDYN, LyncDatabase.CPSDYN));
        roles.put("ArchivingStore", List.of(LyncDatabase.LCSLOG));
        roles.put("MonitoringStore", List.of(LyncDatabase.LCSCDR, LyncDatabase.QOEMETRICS));
        roles.put("PersistentChatStore", List.of(LyncDatabase.MGC));
        roles.put("PersistentChatComplianceStore", List.of(LyncDatabase.MGCCOMP));
        return roles;
    }

    private String render() {
        sb.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        sb.append("<Topology xmlns=\"").append(NAMESPACE).append("\">\n");
        sites();
        clusters();
        sqlInstances();
        services();
        simpleUrls();
        return sb.append("</Topology>\n").toString();
    }

    private void sites() {
        sb.append("  <Sites>\n");
        int id = 1;
        for (Site site : topology.sites()) {
            siteIds.put(site.name(), id);
            sb.append("    <CentralSite SiteId=\"").append(id).append("\">\n");
            sb.append("      <Name>").append(escape(site.name())).append("</Name>\n");
            sb.append("    </CentralSite>\n");
            id++;
        }
        sb.append("  </Sites>\n");
    }

    private void clusters() {
        sb.append("  <Clusters>\n");
        Map<Integer, Integer> numbers = new LinkedHashMap<>();
        for (Site site : topology.sites()) {
            int siteId = siteIds.get(site.name());
            for (Pool pool : site.pools()) {
                List<String> machines = pool.kind() == PoolKind.STANDARD ? List.of(pool.fqdn()) : pool.servers();
                cluster(siteId, numbers, pool.fqdn(), machines, pool.kind() == PoolKind.STANDARD);
            }
        }
        int firstSite = siteIds.values().iterator().next();
        for (SqlStore store : topology.sqlStores()) {
            if (!clusterIds.containsKey(key(store.fqdn()))) {
                cluster(siteOfStore(store.ref(), firstSite), numbers, store.fqdn(), List.of(store.fqdn()), true);
            }
        }
        for (FileStore store : topology.fileStores()) {
            if (!clusterIds.containsKey(key(store.serverFqdn()))) {
                cluster(firstSite, numbers, store.serverFqdn(), List.of(store.serverFqdn()), true);
            }
        }
        sb.append("  </Clusters>\n");
    }

    private int siteOfStore(SqlStoreRef ref, int otherwise) {
        return topology.pools().filter(p -> ref.equals(p.backEnd()) || ref.equals(p.persistentChatStore()))
                .map(p -> siteIds.get(p.site())).filter(id -> id != null).findFirst().orElse(otherwise);
    }

    private void cluster(int siteId, Map<Integer, Integer> numbers, String fqdn, List<String> machines, boolean single) {
        int number = numbers.merge(siteId, 1, Integer::sum);
        clusterIds.put(key(fqdn), siteId + ":" + number);
        sb.append("    <Cluster RequiresReplication=\"true\" RequiresSetup=\"true\" Fqdn=\"").append(escape(fqdn))
                .append("\" IsSingleMachineOnly=\"").append(single).append("\">\n");
        sb.append("      ").append(clusterId(fqdn)).append('\n');
        int ordinal = 1;
        for (String machine : machines) {
            sb.append("      <Machine OrdinalInCluster=\"").append(ordinal++).append("\" Fqdn=\"").append(escape(machine))
                    .append("\">\n");
            sb.append("        <NetInterface InterfaceSide=\"Primary\" InterfaceNumber=\"1\" IPAddress=\"0.0.0.0\" />\n");
            sb.append("      </Machine>\n");
        }
        sb.append("    </Cluster>\n");
    }

    private String clusterId(String fqdn) {
        String[] id = clusterIds.get(key(fqdn)).split(":");
        return "<ClusterId SiteId=\"" + id[0] + "\" Number=\"" + id[1] + "\" />";
    }

    private void sqlInstances() {
        sb.append("  <SqlInstances>\n");
        for (SqlStore store : topology.sqlStores()) {
            sb.append("    <SqlInstance>\n");
            sb.append("      ").append(sqlInstanceId(store.ref())).append('\n');
            sb.append("    </SqlInstance>\n");
        }
        sb.append("  </SqlInstances>\n");
    }

    private String sqlInstanceId(SqlStoreRef ref) {
        return "<SqlInstanceId Name=\"" + escape(ref.instance()) + "\">" + clusterId(ref.fqdn()) + "</SqlInstanceId>";
    }

    private void services() {
        sb.append("  <Services>\n");
        Map<String, String> storeServices = new LinkedHashMap<>();
        for (SqlStore store : topology.sqlStores()) {
            int siteId = Integer.parseInt(clusterIds.get(key(store.fqdn())).split(":")[0]);
            for (Map.Entry<String, List<LyncDatabase>> role : STORE_ROLES.entrySet()) {
                if (role.getValue().stream().anyMatch(store::holds)) {
                    String id = service(siteId, role.getKey(), List.of(), "<InstalledOn>" + sqlInstanceId(store.ref())
                            + "</InstalledOn>", null);
                    storeServices.put(role.getKey() + "@" + key(store.ref().display()), id);
                }
            }
        }
        Map<String, String> fileStoreServices = new LinkedHashMap<>();
        for (FileStore store : topology.fileStores()) {
            int siteId = Integer.parseInt(clusterIds.get(key(store.serverFqdn())).split(":")[0]);
            String share = store.unc().substring(2 + store.serverFqdn().length() + 1);
            String id = service(siteId, "FileStore", List.of(), "<InstalledOn>" + clusterId(store.serverFqdn())
                    + "</InstalledOn>", "<FileStoreService xmlns=\"" + SERVICE_ROLES + "\" ShareName=\""
                    + escape(share) + "\" />");
            fileStoreServices.put(store.name(), id);
        }
        Map<String, String> registrars = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        for (Pool pool : topology.pools().toList()) {
            int siteId = siteIds.get(pool.site());
            String on = "<InstalledOn>" + clusterId(pool.fqdn()) + "</InstalledOn>";
            switch (pool.kind()) {
                case ENTERPRISE, STANDARD, DIRECTOR -> {
                    List<String> deps = new ArrayList<>();
                    if (pool.backEnd() != null) {
                        dependency(deps, storeServices.get("UserStore@" + key(pool.backEnd().display())), "Default");
                    }
                    String registrar = service(siteId, "Registrar", deps, on, pool.backupPoolFqdn()
                            .map(b -> "<RegistrarService xmlns=\"" + SERVICE_ROLES + "\"><BackupPool Fqdn=\""
                                    + escape(b) + "\" /></RegistrarService>").orElse(null));
                    registrars.put(key(pool.fqdn()), registrar);
                    if (pool.kind() != PoolKind.DIRECTOR) {
                        List<String> userDeps = new ArrayList<>();
                        dependency(userDeps, registrar, "Default");
                        if (pool.backEnd() != null) {
                            dependency(userDeps, storeServices.get("UserStore@" + key(pool.backEnd().display())),
                                    "Default");
                        }
                        service(siteId, "UserServices", userDeps, on, null);
                    }
                    List<String> webDeps = new ArrayList<>();
                    dependency(webDeps, registrar, "Default");
                    if (pool.fileStore() != null) {
                        dependency(webDeps, fileStoreServices.get(pool.fileStore()), "Default");
                    }
                    String web = pool.webServicesFqdns().map(w -> "<WebService xmlns=\"" + SERVICE_ROLES + "\">"
                            + "<InternalSettings Host=\"" + escape(w.internalFqdn() == null ? pool.fqdn() : w.internalFqdn())
                            + "\" />" + (w.externalFqdn() == null ? "" : "<ExternalSettings Host=\""
                            + escape(w.externalFqdn()) + "\" />") + "</WebService>").orElse(null);
                    service(siteId, "WebServices", webDeps, on, web);
                    if (pool.responseGroup()) {
                        List<String> appDeps = new ArrayList<>();
                        dependency(appDeps, registrar, "Default");
                        if (pool.backEnd() != null) {
                            dependency(appDeps, storeServices.get("ApplicationStore@" + key(pool.backEnd().display())),
                                    "Default");
                        }
                        if (pool.fileStore() != null) {
                            dependency(appDeps, fileStoreServices.get(pool.fileStore()), "Default");
                        }
                        service(siteId, "ApplicationServer", appDeps, on,
                                "<ApplicationServerService xmlns=\"" + SERVICE_ROLES + "\"><Application Name=\"ResponseGroup\" />"
                                        + "</ApplicationServerService>");
                    }
                    if (pool.hostsCentralManagementStore() && pool.backEnd() != null) {
                        List<String> cmsDeps = new ArrayList<>();
                        dependency(cmsDeps, storeServices.get("CentralMgmtStore@" + key(pool.backEnd().display())),
                                "Default");
                        service(siteId, "CentralMgmt", cmsDeps, on, null);
                    }
                }
                case EDGE -> edges.add(new String[] {pool.fqdn(), Integer.toString(siteId)});
                case MEDIATION -> service(siteId, "MediationServer", List.of(), on, null);
                case PERSISTENT_CHAT -> {
                    List<String> deps = new ArrayList<>();
                    if (pool.persistentChatStore() != null) {
                        String ref = key(pool.persistentChatStore().display());
                        dependency(deps, storeServices.get("PersistentChatStore@" + ref), "Default");
                        dependency(deps, storeServices.get("PersistentChatComplianceStore@" + ref), "ComplianceStore");
                    }
                    service(siteId, "PersistentChatServer", deps, on, null);
                }
            }
        }
        for (String[] edge : edges) {
            Pool pool = topology.pool(edge[0]).orElseThrow();
            List<String> deps = new ArrayList<>();
            pool.nextHopFqdn().ifPresent(hop -> dependency(deps, registrars.get(key(hop)), "NextHop"));
            String names = pool.edge().map(e -> "<EdgeServer xmlns=\"" + SERVICE_ROLES + "\"><AccessEdge ExternalFqdn=\""
                    + escape(e.accessEdgeFqdn()) + "\" /><DataEdge ExternalFqdn=\"" + escape(e.webConferencingEdgeFqdn())
                    + "\" /><MediaEdge ExternalFqdn=\"" + escape(e.avEdgeFqdn()) + "\" /></EdgeServer>").orElse(null);
            service(Integer.parseInt(edge[1]), "EdgeServer", deps, "<InstalledOn>" + clusterId(pool.fqdn())
                    + "</InstalledOn>", names);
        }
        sb.append("  </Services>\n");
    }

    private final Map<String, Integer> serviceInstances = new LinkedHashMap<>();

    /** Writes a service; returns its id as Lync spells it ({@code 1-UserStore-2}). */
    private String service(int siteId, String role, List<String> dependencies, String installedOn, String settings) {
        int instance = serviceInstances.merge(siteId + "-" + role, 1, Integer::sum);
        String id = siteId + "-" + role + "-" + instance;
        sb.append("    <Service RoleVersion=\"1\" ServiceVersion=\"6\" Type=\"Microsoft.Rtc.Management.Deploy.Internal."
                + "ServiceRoles.").append(role).append("\">\n");
        sb.append("      <ServiceId SiteId=\"").append(siteId).append("\" RoleName=\"").append(role)
                .append("\" Instance=\"").append(instance).append("\" />\n");
        if (dependencies.isEmpty()) {
            sb.append("      <DependsOn />\n");
        } else {
            sb.append("      <DependsOn>\n");
            for (String dependency : dependencies) {
                sb.append("        ").append(dependency).append('\n');
            }
            sb.append("      </DependsOn>\n");
        }
        sb.append("      ").append(installedOn).append('\n');
        sb.append("      <Ports />\n");
        if (settings != null) {
            sb.append("      ").append(settings).append('\n');
        }
        sb.append("    </Service>\n");
        return id;
    }

    private static void dependency(List<String> into, String serviceId, String usage) {
        if (serviceId == null) {
            return;
        }
        String[] parts = serviceId.split("-", 3);
        into.add("<Dependency Usage=\"" + usage + "\"><ServiceId SiteId=\"" + parts[0] + "\" RoleName=\"" + parts[1]
                + "\" Instance=\"" + parts[2] + "\" /></Dependency>");
    }

    private void simpleUrls() {
        if (topology.simpleUrls().isEmpty()) {
            return;
        }
        sb.append("  <SimpleUrlConfiguration UseBackendDatabase=\"false\">\n");
        for (String url : topology.simpleUrls()) {
            String component = url.toLowerCase(Locale.ROOT).startsWith("meet.") ? "Meet"
                    : url.toLowerCase(Locale.ROOT).startsWith("dialin.") ? "Dialin" : "Cscp";
            sb.append("    <SimpleUrl Component=\"").append(component).append("\" Domain=\"*\" ActiveUrl=\"https://")
                    .append(escape(url)).append("\">\n");
            sb.append("      <SimpleUrlEntry Url=\"https://").append(escape(url)).append("\" />\n");
            sb.append("    </SimpleUrl>\n");
        }
        sb.append("  </SimpleUrlConfiguration>\n");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
