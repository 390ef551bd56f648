package org.lyncrunbooks.drill;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.lyncrunbooks.lyncshell.ExportXml;

/**
 * Opens a Management Shell export the way its import cmdlet reads it, without importing it anywhere: the ZIP with
 * its XML documents, {@code DocItemSet.xml} (the data) and {@code MetaData.xml}. Every entry's CRC is checked and the
 * whole of {@code DocItemSet.xml} is read. Two layouts are known:
 * <ul>
 *   <li>the lab farm's: one {@code DocItem} per table with one {@code Row} per row, and {@code MetaData.xml} saying the
 *       kind and how many rows each table holds; every table's rows are counted and compared with it, as the lab's
 *       import does before it writes anything, and what it would refuse is refused here with the same reason;</li>
 *   <li>Lync Server 2013's own user data layout, as tools that read these files find it: one {@code DocItem} per
 *       user named {@code urn:lcd:<sip address>}, its contact groups and contacts inside
 *       ({@code Data/HomedResource/ContactGroups/ContactGroup}, {@code …/Contacts/Contact}); users, contacts and
 *       contact groups are counted, and every {@code DocItem} of another export. It has not been run against a live
 *       farm's export.</li>
 * </ul>
 */
final class ExportInspector {

    static final String DOC_ITEM_SET = "DocItemSet.xml";
    static final String META_DATA = "MetaData.xml";
    private static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    /** The export kinds of the manifest and the metadata kind and import cmdlet of each. */
    enum Kind {
        CONFIGURATION("cs-configuration", "CsConfiguration", "Import-CsConfiguration"),
        LIS("cs-lis-configuration", "CsLisConfiguration", "Import-CsLisConfiguration"),
        USER_DATA("cs-user-data", "CsUserData", "Import-CsUserData"),
        RGS("cs-rgs-configuration", "CsRgsConfiguration", "Import-CsRgsConfiguration"),
        PERSISTENT_CHAT("cs-persistent-chat-data", "CsPersistentChatData", "Import-CsPersistentChatData");

        final String manifestKind;
        final String metadataKind;
        final String importCmdlet;

        Kind(String manifestKind, String metadataKind, String importCmdlet) {
            this.manifestKind = manifestKind;
            this.metadataKind = metadataKind;
            this.importCmdlet = importCmdlet;
        }

        static java.util.Optional<Kind> of(String manifestKind) {
            for (Kind kind : values()) {
                if (kind.manifestKind.equals(manifestKind)) {
                    return java.util.Optional.of(kind);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The export cannot be read as its import cmdlet reads it; the message says why. */
    static final class UnreadableExportException extends RuntimeException {
        UnreadableExportException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file} as {@code kind}'s import cmdlet does and returns the rows of each table
     * ({@code database.table}, in the export's order).
     *
     * @throws UnreadableExportException when the file is not such an export, is damaged, or its rows do not match
     *                                   its metadata
     */
    Map<String, Long> read(Path file, Kind kind) {
        Map<String, Long> rows = null;
        byte[] metaData = null;
        try (java.util.zip.ZipFile central = new java.util.zip.ZipFile(file.toFile())) {
            // the central directory, as the import reads the archive: a cut or damaged end of the file is refused here
            if (central.getEntry(DOC_ITEM_SET) == null) {
                throw unreadable(file, kind, "it does not contain " + DOC_ITEM_SET);
            }
        } catch (ZipException e) {
            throw unreadable(file, kind, "it is not a valid ZIP archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw unreadable(file, kind, "it cannot be read (" + e.getMessage() + ")");
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (DOC_ITEM_SET.equals(entry.getName())) {
                    rows = docItems(ExportXml.bounded(zip, false), file, kind);
                } else if (META_DATA.equals(entry.getName())) {
                    metaData = ExportXml.bounded(zip, false).readNBytes(MAX_METADATA_BYTES);
                }
                // reading an entry to its end makes ZipInputStream check its CRC
                zip.transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (ZipException e) {
            throw unreadable(file, kind, "it is not a valid ZIP archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw unreadable(file, kind, "it cannot be read (" + e.getMessage() + ")");
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw unreadable(file, kind, "its XML cannot be read (" + e.getMessage() + ")");
        }
        if (lyncLayout(rows)) {
            // Lync's own MetaData.xml is not modelled: the whole of DocItemSet.xml was read, which is what is checked
            return rows;
        }
        if (rows == null || metaData == null) {
            throw unreadable(file, kind, "it does not contain " + DOC_ITEM_SET + " and " + META_DATA);
        }
        Map<String, Long> declared;
        try {
            declared = metaData(new java.io.ByteArrayInputStream(metaData), file, kind);
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw unreadable(file, kind, META_DATA + " cannot be read (" + e.getMessage() + ")");
        }
        for (String table : new TreeSet<>(union(rows, declared))) {
            Long expected = declared.get(table);
            Long found = rows.get(table);
            if (expected == null || !expected.equals(found)) {
                throw unreadable(file, kind, "table " + table + " should hold " + (expected == null ? "no" : expected)
                        + " rows but holds " + (found == null ? "none" : found) + " (the file is damaged)");
            }
        }
        return rows;
    }

    /** The namespace of the lab farm's exports, whose DocItems are tables. */
    static final String LAB_NAMESPACE = "urn:lyncrunbooks:lab:export:1";
    /** The key under which Lync's own layout is counted, so the metadata check knows to leave it alone. */
    static final String LYNC_LAYOUT = "lync-layout";

    private static Map<String, Long> docItems(InputStream in, Path file, Kind kind) throws XMLStreamException {
        XMLStreamReader xml = ExportXml.xmlInput().createXMLStreamReader(in);
        xml.nextTag();
        if (!"DocItemSet".equals(xml.getLocalName())) {
            throw unreadable(file, kind, DOC_ITEM_SET + " does not hold " + kind.metadataKind + " data");
        }
        if (!LAB_NAMESPACE.equals(xml.getNamespaceURI())) {
            return lyncDocItems(xml, file, kind);
        }
        if (!kind.metadataKind.equals(xml.getAttributeValue(null, "Kind"))) {
            throw unreadable(file, kind, DOC_ITEM_SET + " does not hold " + kind.metadataKind + " data");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String table = xml.getAttributeValue(null, "Database") + "." + xml.getAttributeValue(null, "Table");
            if (!"DocItem".equals(xml.getLocalName()) || rows.containsKey(table)) {
                throw unreadable(file, kind, DOC_ITEM_SET + " holds " + xml.getLocalName() + " " + table
                        + (rows.containsKey(table) ? " twice" : " where a DocItem belongs"));
            }
            long count = 0;
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!"Row".equals(xml.getLocalName())) {
                    throw unreadable(file, kind, "unexpected element " + xml.getLocalName() + " in " + table);
                }
                while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!"Field".equals(xml.getLocalName()) || xml.getAttributeValue(null, "Name") == null) {
                        throw unreadable(file, kind, "a row of " + table + " holds " + xml.getLocalName()
                                + " where a named Field belongs");
                    }
                    boolean base64 = "base64".equals(xml.getAttributeValue(null, "Encoding"));
                    String text = xml.getElementText();
                    if (base64) {
                        Base64.getDecoder().decode(text.trim());
                    }
                }
                count++;
            }
            rows.put(table, count);
        }
        return rows;
    }

    /**
     * Lync's own layout: every {@code DocItem} read to its end; users ({@code urn:lcd:…}) with their contacts and
     * contact groups counted for user data, every DocItem for any export.
     */
    private static Map<String, Long> lyncDocItems(XMLStreamReader xml, Path file, Kind kind) throws XMLStreamException {
        long docItems = 0;
        long users = 0;
        long contacts = 0;
        long groups = 0;
        int depth = 1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if (depth == 2) {
                    if (!"DocItem".equals(name)) {
                        throw unreadable(file, kind, DOC_ITEM_SET + " holds " + name + " where a DocItem belongs");
                    }
                    docItems++;
                    String item = xml.getAttributeValue(null, "Name");
                    if (item != null && item.startsWith("urn:lcd:")) {
                        users++;
                    }
                } else if ("Contact".equals(name)) {
                    contacts++;
                } else if ("ContactGroup".equals(name)) {
                    groups++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(LYNC_LAYOUT + ".docitems", docItems);
        if (kind == Kind.USER_DATA) {
            counts.put(LYNC_LAYOUT + ".users", users);
            counts.put(LYNC_LAYOUT + ".contacts", contacts);
            counts.put(LYNC_LAYOUT + ".contact_groups", groups);
        }
        return counts;
    }

    private static Map<String, Long> metaData(InputStream in, Path file, Kind kind) throws XMLStreamException {
        XMLStreamReader xml = ExportXml.xmlInput().createXMLStreamReader(in);
        xml.nextTag();
        if (!"MetaData".equals(xml.getLocalName())) {
            throw unreadable(file, kind, META_DATA + " is not export metadata");
        }
        String found = xml.getAttributeValue(null, "Kind");
        if (!kind.metadataKind.equals(found)) {
            throw unreadable(file, kind, "its metadata says it is a " + found + " export, not " + kind.metadataKind);
        }
        Map<String, Long> declared = new LinkedHashMap<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            declared.put(xml.getAttributeValue(null, "Name"), Long.parseLong(xml.getAttributeValue(null, "Rows")));
            xml.nextTag();
        }
        return declared;
    }

    private static boolean lyncLayout(Map<String, Long> rows) {
        return rows != null && rows.keySet().stream().anyMatch(k -> k.startsWith(LYNC_LAYOUT + "."));
    }

    private static java.util.Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static UnreadableExportException unreadable(Path file, Kind kind, String why) {
        return new UnreadableExportException(kind.importCmdlet + " would refuse '" + file.getFileName() + "': " + why + ".");
    }
}
