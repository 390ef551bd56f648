package org.lyncrunbooks.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.lyncshell.Cmdlet;
import org.lyncrunbooks.lyncshell.ShellOutput;
import org.lyncrunbooks.topology.SqlStoreRef;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code Get-CsTopology -AsXml} answers with the published topology in the shape of Microsoft's document, read from the
 * Central Management store, and a pool, SQL store or file store added through the lab is in it (and real: its users
 * export, its databases are there, its files exist) while the product's topology file stays as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabTopologyCmdletTest {

    private static final String NS = "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008";

    @TempDir
    static Path shared;
    private static LabFarm farm;
    private static LabShell shell;

    @BeforeAll
    static void farm() {
        farm = LabFixtures.farm(shared.resolve("farm"));
        shell = new LabShell(farm);
    }

    @Test
    @Order(1)
    void getCsTopologyAsXmlIsTheWritableTopologyDocumentOfTheFarm() throws Exception {
        Document xml = topologyXml();
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo(NS);
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("Topology");
        assertThat(strings(xml, "/t:Topology/t:Sites/t:CentralSite/t:Name")).containsExactly("Lab");
        assertThat(strings(xml, "/t:Topology/t:Clusters/t:Cluster[@Fqdn='pool01.lab.contoso.local']/t:Machine/@Fqdn"))
                .containsExactly(LabFixtures.FE1, LabFixtures.FE2);
        assertThat(strings(xml, "/t:Topology/t:Clusters/t:Cluster[@Fqdn='pool01.lab.contoso.local']/t:ClusterId/@Number"))
                .hasSize(1);
        assertThat(strings(xml, "/t:Topology/t:SqlInstances/t:SqlInstance/t:SqlInstanceId/@Name"))
                .containsExactly("rtc", "rtc", "archmon", "pchat");
        assertThat(strings(xml, "/t:Topology/t:Services/t:Service/t:ServiceId/@RoleName"))
                .contains("UserServices", "Registrar", "WebServices", "FileStore", "UserStore", "ArchivingStore",
                        "MonitoringStore", "CentralMgmtStore", "PersistentChatStore", "EdgeServer", "PersistentChatServer");
        assertThat(strings(xml, "/t:Topology/t:Services/t:Service[t:ServiceId/@RoleName='UserServices']"
                + "/t:DependsOn/t:Dependency/t:ServiceId/@RoleName")).contains("UserStore", "Registrar");
        assertThat(strings(xml, "//*[local-name()='FileStoreService']/@ShareName")).containsExactly("lyncshare", "lyncshare");
    }

    @Test
    @Order(2)
    void parametersTheCmdletDoesNotHaveAreRefusedAsPowerShellDoes() {
        ShellOutput out = LabFixtures.run(shell, Cmdlet.of("Get-CsTopology").with("PoolFqdn", LabFixtures.POOL));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("A parameter cannot be found that matches parameter name 'PoolFqdn'");
    }

    @Test
    @Order(3)
    void aPoolAFileStoreAndASqlStoreAddedToTheFarmArePublishedAndRealButNotInTheTopologyFile() throws Exception {
        byte[] topologyFile = Files.readAllBytes(farm.topologyFile());

        farm.addFileStore("lab-fs03", "fs03.lab.contoso.local", "lyncshare");
        farm.addPool("Lab", "pool02.lab.contoso.local", "enterprise", List.of("fe21.lab.contoso.local"),
                "be02.lab.contoso.local\\rtc", "lab-fs03");
        farm.addSqlStore("mon02.lab.contoso.local", "archive", List.of("LcsLog"));

        Document xml = topologyXml();
        assertThat(strings(xml, "/t:Topology/t:Clusters/t:Cluster[@Fqdn='pool02.lab.contoso.local']/t:Machine/@Fqdn"))
                .containsExactly("fe21.lab.contoso.local");
        assertThat(strings(xml, "/t:Topology/t:Clusters/t:Cluster/@Fqdn")).contains("be02.lab.contoso.local",
                "fs03.lab.contoso.local", "mon02.lab.contoso.local");
        assertThat(strings(xml, "/t:Topology/t:SqlInstances/t:SqlInstance/t:SqlInstanceId/@Name")).contains("archive");
        assertThat(strings(xml, "//*[local-name()='FileStoreService']/@ShareName")).hasSize(3);
        assertThat(Files.readAllBytes(farm.topologyFile())).as("the product's topology file is not touched")
                .isEqualTo(topologyFile);

        Path export = shared.resolve("pool02-userdata.zip");
        ShellOutput out = LabFixtures.runOk(shell, Cmdlet.of("Export-CsUserData")
                .with("PoolFqdn", "pool02.lab.contoso.local").with("FileName", export.toString()));
        assertThat(out.stdout()).contains("Exported the user data of pool pool02.lab.contoso.local").contains("12 users");
        assertThat(farm.usersHomedOn("pool02.lab.contoso.local")).hasSize(12);
        Map<String, List<Map<String, Object>>> lcsLog = farm.tables(new SqlStoreRef("mon02.lab.contoso.local", "archive"),
                "LcsLog");
        assertThat(lcsLog).isNotEmpty();
        try (var files = Files.walk(farm.directory().resolve("filestores/lab-fs03"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isGreaterThan(0);
        }
    }

    @Test
    @Order(4)
    void whatTopologyBuilderWouldRefuseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> farm.addPool("Lab", "pool03.lab.contoso.local", "enterprise",
                List.of("fe31.lab.contoso.local"), "be03.lab.contoso.local\\rtc", "no-such-store"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-store");
        assertThatThrownBy(() -> farm.addSqlStore("mon02.lab.contoso.local", "archive", List.of("LcsLog")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has SQL instance");
        assertThatThrownBy(() -> farm.addFileStore("lab-fs03", "fs03.lab.contoso.local", "lyncshare"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a file store");
    }

    private static Document topologyXml() throws Exception {
        ShellOutput out = LabFixtures.runOk(shell, Cmdlet.of("Get-CsTopology").withSwitch("AsXml"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(out.stdout())));
    }

    private static List<String> strings(Document xml, String expression) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "t".equals(prefix) ? NS : null;
            }

            @Override
            public String getPrefix(String namespaceUri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String namespaceUri) {
                return null;
            }
        });
        NodeList nodes = (NodeList) xpath.evaluate(expression, xml, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }
}
