package org.lyncrunbooks.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyncrunbooks.topology.SqlStoreRef;

/** Lync exports as the lab's export cmdlets write them, read as their import cmdlets read them. */
class ExportInspectorTest {

    @TempDir
    static Path dir;
    static DrillLab lab;
    static Path set;

    private final ExportInspector inspector = new ExportInspector();

    @BeforeAll
    static void backUp() {
        lab = DrillLab.create(dir, DrillLab.engineWithHistory("export-inspector-test"));
        set = lab.root.resolve(lab.takeBackup());
    }

    @Test
    void countsTheUsersContactsAndConferencesOfAPoolsUserData() {
        Map<String, Long> rows = inspector.read(set.resolve("userdata/" + DrillLab.POOL + ".zip"),
                ExportInspector.Kind.USER_DATA);

        long users = lab.farm.tables(new SqlStoreRef("be01.lab.contoso.local", "rtc"), "rtcxds").get("users").stream()
                .filter(u -> DrillLab.POOL.equals(u.get("registrar_pool"))).count();
        assertThat(rows).containsEntry("rtcxds.users", users).containsKeys("rtcxds.contacts", "rtcxds.conferences",
                "rtcshared.conference_directories");
        assertThat(inspector.read(set.resolve("rgs/" + DrillLab.POOL + ".zip"), ExportInspector.Kind.RGS))
                .containsKey("rgsconfig.workflows");
    }

    @Test
    void refusesAnExportOfAnotherKindAsTheImportCmdletWould() {
        assertThatThrownBy(() -> inspector.read(set.resolve("cms/LisConfiguration.zip"), ExportInspector.Kind.USER_DATA))
                .isInstanceOf(ExportInspector.UnreadableExportException.class)
                .hasMessage("Import-CsUserData would refuse 'LisConfiguration.zip': DocItemSet.xml does not hold CsUserData data.");
    }

    @Test
    void aRowMissingFromTheDataAgainstItsMetadataIsDamage() throws IOException {
        Path copy = rewrite(set.resolve("userdata/" + DrillLab.POOL + ".zip"), "damaged.zip", (name, xml) ->
                name.equals("DocItemSet.xml") ? xml.replaceFirst("(?s)<Row>.*?</Row>", "") : xml);

        assertThatThrownBy(() -> inspector.read(copy, ExportInspector.Kind.USER_DATA))
                .hasMessageStartingWith("Import-CsUserData would refuse 'damaged.zip': table rtcxds.users should hold ")
                .hasMessageEndingWith(" (the file is damaged).");
    }

    @Test
    void aTruncatedOrFlippedArchiveCannotBeRead() throws IOException {
        byte[] zip = Files.readAllBytes(set.resolve("cms/CsConfiguration.zip"));
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(zip, zip.length / 2));
        byte[] flipped = zip.clone();
        flipped[flipped.length / 3] ^= 0x5a;
        Path damaged = Files.write(dir.resolve("flipped.zip"), flipped);

        assertThatThrownBy(() -> inspector.read(truncated, ExportInspector.Kind.CONFIGURATION))
                .hasMessageStartingWith("Import-CsConfiguration would refuse 'truncated.zip': ");
        assertThatThrownBy(() -> inspector.read(damaged, ExportInspector.Kind.CONFIGURATION))
                .hasMessageStartingWith("Import-CsConfiguration would refuse 'flipped.zip': ");
    }

    @Test
    void anArchiveWithoutItsTwoDocumentsIsNoExport() throws IOException {
        Path copy = rewrite(set.resolve("cms/CsConfiguration.zip"), "half.zip", (name, xml) -> name.equals("MetaData.xml") ? null : xml);

        assertThatThrownBy(() -> inspector.read(copy, ExportInspector.Kind.CONFIGURATION))
                .hasMessage("Import-CsConfiguration would refuse 'half.zip': it does not contain DocItemSet.xml and MetaData.xml.");
    }

    @Test
    void readsLync2013sOwnUserDataLayoutCountingUsersAndTheirContacts() throws IOException {
        String docItems = "<?xml version=\"1.0\" encoding=\"utf-8\"?><DocItemSet xmlns=\"urn:schema:Microsoft.Rtc."
                + "Management.Deploy.UserData.2012\" Version=\"1\">"
                + user("alice@contoso.com", 2, 3) + user("bob@contoso.com", 1, 1) + user("carol@contoso.com", 1, 0)
                + "<DocItem Name=\"urn:hcd:13\"><Data /></DocItem></DocItemSet>";
        Path zip = dir.resolve("lync-userdata.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("MetaData.xml"));
            out.write("<?xml version=\"1.0\"?><MetaData Version=\"1\" />".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("DocItemSet.xml"));
            out.write(docItems.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(inspector.read(zip, ExportInspector.Kind.USER_DATA)).containsExactly(
                Map.entry("lync-layout.docitems", 4L), Map.entry("lync-layout.users", 3L),
                Map.entry("lync-layout.contacts", 4L), Map.entry("lync-layout.contact_groups", 4L));
        Path cut = Files.write(dir.resolve("lync-cut.zip"), java.util.Arrays.copyOf(Files.readAllBytes(zip),
                (int) Files.size(zip) - 40));
        assertThatThrownBy(() -> inspector.read(cut, ExportInspector.Kind.USER_DATA))
                .hasMessageStartingWith("Import-CsUserData would refuse 'lync-cut.zip': ");
    }

    /** A user as Export-CsUserData writes one: urn:lcd:<sip>, HomedResource with contact groups and contacts. */
    private static String user(String sip, int groups, int contacts) {
        StringBuilder xml = new StringBuilder("<DocItem Name=\"urn:lcd:" + sip + "\"><Data><HomedResource><ContactGroups>");
        for (int g = 1; g <= groups; g++) {
            xml.append("<ContactGroup Number=\"").append(g).append("\" DisplayName=\"fg==\" />");
        }
        xml.append("</ContactGroups><Contacts>");
        for (int c = 1; c <= contacts; c++) {
            xml.append("<Contact Buddy=\"sip:buddy").append(c).append("@contoso.com\" Groups=\"1\" />");
        }
        return xml.append("</Contacts></HomedResource></Data></DocItem>").toString();
    }

    /** Copies an export, changing (or leaving out, for null) each entry's text. */
    private static Path rewrite(Path source, String name, java.util.function.BinaryOperator<String> change) throws IOException {
        Path target = dir.resolve(name);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String text = change.apply(entry.getName(), new String(readAll(in), StandardCharsets.UTF_8));
                if (text != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
