package org.lyncrunbooks.drift;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.lyncrunbooks.topology.FileStore;
import org.lyncrunbooks.topology.LyncDatabase;
import org.lyncrunbooks.topology.Pool;
import org.lyncrunbooks.topology.PoolKind;
import org.lyncrunbooks.topology.Site;
import org.lyncrunbooks.topology.SqlStore;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.lyncrunbooks.topology.Topology;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads the document {@code Get-CsTopology -AsXml} prints (namespace
 * {@code urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008}) into a {@link Topology}: sites from
 * {@code <Sites>}, pools from the {@code <Clusters>} that run a server role (their kind from the roles: EdgeServer,
 * PersistentChatServer, MediationServer, Registrar with or without UserServices, a single-machine cluster being a
 * Standard Edition server), SQL stores from {@code <SqlInstances>} with the databases of the store roles installed on
 * them, file stores from the FileStore services. What the farm cannot tell is left out: a file store's mount path
 * (null), how Persistent Chat data is backed up (the default, export), the backup share.
 */
final class PublishedTopology {

    static final String NAMESPACE = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008";

    /** The databases each store role creates on its SQL instance (Install-CsDatabase). */
    private static final Map<String, List<LyncDatabase>> STORE_ROLES = Map.of(
            "CentralMgmtStore", List.of(LyncDatabase.XDS, LyncDatabase.LIS),
            "UserStore", List.of(LyncDatabase.RTCXDS, LyncDatabase.RTCSHARED, LyncDatabase.RTCAB, LyncDatabase.RTCDYN),
            "ApplicationStore", List.of(LyncDatabase.RGSCONFIG, LyncDatabase.RGSDYN, LyncDatabase.CPSDYN),
            "ArchivingStore", List.of(LyncDatabase.LCSLOG),
            "MonitoringStore", List.of(LyncDatabase.LCSCDR, LyncDatabase.QOEMETRICS),
            "PersistentChatStore", List.of(LyncDatabase.MGC),
            "PersistentChatComplianceStore", List.of(LyncDatabase.MGCCOMP));

    private record Cluster(String id, int siteId, String fqdn, List<String> machines, boolean singleMachine) {
    }

    private record Service(String id, String role, String installedCluster, String installedInstance,
                           Map<String, String> dependencies, Element element) {
    }

    private PublishedTopology() {
    }

    /**
     * The topology of the document.
     *
     * @throws IllegalArgumentException naming what is wrong when the text is not such a document
     */
    static Topology parse(String xml, String name) {
        Element root = document(xml).getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"Topology".equals(root.getLocalName())) {
            throw new IllegalArgumentException("not a published Lync topology: the root element is {"
                    + root.getNamespaceURI() + "}" + root.getLocalName() + ", expected {" + NAMESPACE + "}Topology");
        }
        Map<Integer, String> sites = new LinkedHashMap<>();
        for (Element site : children(child(root, "Sites"), "CentralSite")) {
            sites.put(Integer.parseInt(site.getAttribute("SiteId")), text(child(site, "Name")));
        }
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        for (Element cluster : children(child(root, "Clusters"), "Cluster")) {
            Element id = child(cluster, "ClusterId");
            List<String> machines = new ArrayList<>();
            for (Element machine : children(cluster, "Machine")) {
                machines.add(lower(machine.getAttribute("Fqdn")));
            }
            String key = clusterKey(id);
            clusters.put(key, new Cluster(key, Integer.parseInt(id.getAttribute("SiteId")), lower(cluster.getAttribute("Fqdn")),
                    machines, Boolean.parseBoolean(cluster.getAttribute("IsSingleMachineOnly"))));
        }
        Map<String, SqlStoreRef> instances = new LinkedHashMap<>();
        for (Element instance : children(child(root, "SqlInstances"), "SqlInstance")) {
            Element id = child(instance, "SqlInstanceId");
            Cluster on = cluster(clusters, child(id, "ClusterId"));
            instances.put(instanceKey(id), new SqlStoreRef(on.fqdn(), id.getAttribute("Name")));
        }
        Map<String, Service> services = new LinkedHashMap<>();
        for (Element service : children(child(root, "Services"), "Service")) {
            Element id = child(service, "ServiceId");
            String serviceId = serviceId(id);
            Map<String, String> dependencies = new LinkedHashMap<>();
            Element dependsOn = optionalChild(service, "DependsOn");
            if (dependsOn != null) {
                for (Element dependency : children(dependsOn, "Dependency")) {
                    dependencies.put(serviceId(child(dependency, "ServiceId")), dependency.getAttribute("Usage"));
                }
            }
            Element installedOn = child(service, "InstalledOn");
            Element onInstance = optionalChild(installedOn, "SqlInstanceId");
            String cluster = onInstance == null ? cluster(clusters, child(installedOn, "ClusterId")).id() : null;
            String instance = onInstance == null ? null : instanceKey(onInstance);
            if (instance != null && !instances.containsKey(instance)) {
                throw new IllegalArgumentException("service " + serviceId + " is installed on an undeclared SQL instance");
            }
            services.put(serviceId, new Service(serviceId, id.getAttribute("RoleName"), cluster, instance, dependencies,
                    service));
        }
        return build(name, sites, clusters, instances, services, simpleUrls(root));
    }

    private static Topology build(String name, Map<Integer, String> sites, Map<String, Cluster> clusters,
                                  Map<String, SqlStoreRef> instances, Map<String, Service> services,
                                  List<String> simpleUrls) {
        Map<String, List<LyncDatabase>> databases = new LinkedHashMap<>();
        instances.keySet().forEach(k -> databases.put(k, new ArrayList<>()));
        Map<String, FileStore> fileStores = new LinkedHashMap<>();
        for (Service service : services.values()) {
            List<LyncDatabase> created = STORE_ROLES.get(service.role());
            if (created != null && service.installedInstance() != null) {
                List<LyncDatabase> list = databases.get(service.installedInstance());
                created.stream().filter(db -> !list.contains(db)).forEach(list::add);
            }
            if ("FileStore".equals(service.role()) && service.installedCluster() != null) {
                Element settings = optionalChild(service.element(), "FileStoreService");
                String share = settings == null ? "" : settings.getAttribute("ShareName");
                String server = clusters.get(service.installedCluster()).fqdn();
                String storeName = server.substring(0, server.indexOf('.')) + "-" + share.toLowerCase(Locale.ROOT);
                fileStores.put(service.id(), new FileStore(storeName, "\\\\" + server + "\\" + share, null));
            }
        }
        Map<Integer, List<Pool>> poolsBySite = new LinkedHashMap<>();
        sites.keySet().forEach(id -> poolsBySite.put(id, new ArrayList<>()));
        Set<String> standardServers = new LinkedHashSet<>();
        for (Cluster cluster : clusters.values()) {
            Map<String, Service> roles = new LinkedHashMap<>();
            services.values().stream().filter(s -> cluster.id().equals(s.installedCluster()))
                    .forEach(s -> roles.putIfAbsent(s.role(), s));
            Optional<PoolKind> kind = kind(cluster, roles);
            if (kind.isEmpty()) {
                continue;
            }
            if (kind.get() == PoolKind.STANDARD) {
                standardServers.add(cluster.fqdn());
            }
            poolsBySite.computeIfAbsent(cluster.siteId(), k -> new ArrayList<>())
                    .add(pool(cluster, kind.get(), sites.get(cluster.siteId()), roles, services, instances, fileStores,
                            clusters));
        }
        List<Site> siteList = new ArrayList<>();
        poolsBySite.forEach((id, pools) -> {
            if (!pools.isEmpty()) {
                siteList.add(new Site(sites.getOrDefault(id, "Site" + id), pools));
            }
        });
        List<SqlStore> stores = new ArrayList<>();
        instances.forEach((key, ref) -> stores.add(new SqlStore(ref.fqdn(), ref.instance(),
                standardServers.contains(ref.fqdn()), ordered(databases.get(key)))));
        return new Topology(name, null, siteList, stores, new ArrayList<>(fileStores.values()), null, null, simpleUrls);
    }

    private static List<LyncDatabase> ordered(List<LyncDatabase> databases) {
        return java.util.Arrays.stream(LyncDatabase.values()).filter(databases::contains).toList();
    }

    private static Optional<PoolKind> kind(Cluster cluster, Map<String, Service> roles) {
        if (roles.containsKey("EdgeServer")) {
            return Optional.of(PoolKind.EDGE);
        }
        if (roles.containsKey("PersistentChatServer")) {
            return Optional.of(PoolKind.PERSISTENT_CHAT);
        }
        if (roles.containsKey("UserServices")) {
            return Optional.of(cluster.singleMachine() && cluster.machines().equals(List.of(cluster.fqdn()))
                    ? PoolKind.STANDARD : PoolKind.ENTERPRISE);
        }
        if (roles.containsKey("Registrar")) {
            return Optional.of(PoolKind.DIRECTOR);
        }
        if (roles.containsKey("MediationServer")) {
            return Optional.of(PoolKind.MEDIATION);
        }
        return Optional.empty();
    }

    private static Pool pool(Cluster cluster, PoolKind kind, String site, Map<String, Service> roles,
                             Map<String, Service> services, Map<String, SqlStoreRef> instances,
                             Map<String, FileStore> fileStores, Map<String, Cluster> clusters) {
        SqlStoreRef backEnd = null;
        String fileStore = null;
        SqlStoreRef chatStore = null;
        Pool.WebServices web = null;
        Pool.EdgeFqdns edge = null;
        String backupPool = null;
        String nextHop = null;
        for (Service service : roles.values()) {
            for (Map.Entry<String, String> dependency : service.dependencies().entrySet()) {
                Service target = services.get(dependency.getKey());
                if (target == null) {
                    continue;
                }
                if ("UserStore".equals(target.role()) && target.installedInstance() != null) {
                    backEnd = instances.get(target.installedInstance());
                }
                if ("PersistentChatStore".equals(target.role()) && target.installedInstance() != null) {
                    chatStore = instances.get(target.installedInstance());
                }
                if ("FileStore".equals(target.role()) && fileStores.containsKey(target.id())) {
                    fileStore = fileStores.get(target.id()).name();
                }
                if ("NextHop".equals(dependency.getValue()) && target.installedCluster() != null) {
                    nextHop = clusters.get(target.installedCluster()).fqdn();
                }
            }
        }
        Service webServices = roles.get("WebServices");
        if (webServices != null) {
            Element settings = optionalChild(webServices.element(), "WebService");
            Element internal = settings == null ? null : optionalChild(settings, "InternalSettings");
            Element external = settings == null ? null : optionalChild(settings, "ExternalSettings");
            web = new Pool.WebServices(internal == null ? cluster.fqdn() : lower(internal.getAttribute("Host")),
                    external == null ? null : lower(external.getAttribute("Host")));
        }
        Service registrar = roles.get("Registrar");
        if (registrar != null) {
            Element settings = optionalChild(registrar.element(), "RegistrarService");
            Element backup = settings == null ? null : optionalChild(settings, "BackupPool");
            backupPool = backup == null ? null : lower(backup.getAttribute("Fqdn"));
        }
        Service edgeServer = roles.get("EdgeServer");
        if (edgeServer != null) {
            Element settings = optionalChild(edgeServer.element(), "EdgeServer");
            if (settings != null) {
                edge = new Pool.EdgeFqdns(lower(child(settings, "AccessEdge").getAttribute("ExternalFqdn")),
                        lower(child(settings, "DataEdge").getAttribute("ExternalFqdn")),
                        lower(child(settings, "MediaEdge").getAttribute("ExternalFqdn")));
            }
        }
        boolean registrarKind = kind.isRegistrar();
        List<String> servers = kind == PoolKind.STANDARD ? List.of(cluster.fqdn()) : cluster.machines();
        return new Pool(cluster.fqdn(), kind, site, servers, registrarKind ? backEnd : null,
                roles.containsKey("CentralMgmt"), registrarKind && roles.containsKey("ApplicationServer"),
                registrarKind ? fileStore : null, kind == PoolKind.PERSISTENT_CHAT ? chatStore : null,
                kind == PoolKind.PERSISTENT_CHAT ? Pool.PersistentChatBackup.EXPORT : null,
                registrarKind ? web : null, edge, backupPool, nextHop);
    }

    private static List<String> simpleUrls(Element root) {
        Element configuration = optionalChild(root, "SimpleUrlConfiguration");
        if (configuration == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        for (Element url : children(configuration, "SimpleUrl")) {
            String active = url.getAttribute("ActiveUrl");
            String host = active.replaceFirst("^https?://", "");
            int slash = host.indexOf('/');
            urls.add(lower(slash < 0 ? host : host.substring(0, slash)));
        }
        return urls;
    }

    private static Cluster cluster(Map<String, Cluster> clusters, Element clusterId) {
        Cluster cluster = clusters.get(clusterKey(clusterId));
        if (cluster == null) {
            throw new IllegalArgumentException("reference to an undeclared cluster " + clusterKey(clusterId));
        }
        return cluster;
    }

    private static String clusterKey(Element id) {
        return id.getAttribute("SiteId") + ":" + id.getAttribute("Number");
    }

    private static String instanceKey(Element sqlInstanceId) {
        return clusterKey(child(sqlInstanceId, "ClusterId")) + ":" + sqlInstanceId.getAttribute("Name").toLowerCase(Locale.ROOT);
    }

    private static String serviceId(Element id) {
        return id.getAttribute("SiteId") + "-" + id.getAttribute("RoleName") + "-" + id.getAttribute("Instance");
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml.strip())));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not a published Lync topology (not well-formed XML): " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        Element child = optionalChild(parent, name);
        if (child == null) {
            throw new IllegalArgumentException("<" + parent.getLocalName() + "> has no <" + name + ">");
        }
        return child;
    }

    private static Element optionalChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }
}
