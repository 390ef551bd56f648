package org.lyncrunbooks.lab;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads an export ZIP independently of the lab's own reader, to check what a cmdlet really wrote. */
final class ExportZip {

    final List<String> entries = new ArrayList<>();
    final Element metaData;
    /** "database.table" → rows as column → text (null for NULL). */
    final Map<String, List<Map<String, String>>> tables = new TreeMap<>();

    ExportZip(Path file) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(entries::add);
            metaData = parse(zip, "MetaData.xml").getDocumentElement();
            Document doc = parse(zip, "DocItemSet.xml");
            NodeList items = doc.getDocumentElement().getElementsByTagName("DocItem");
            for (int i = 0; i < items.getLength(); i++) {
                Element item = (Element) items.item(i);
                List<Map<String, String>> rows = new ArrayList<>();
                NodeList rowNodes = item.getElementsByTagName("Row");
                for (int r = 0; r < rowNodes.getLength(); r++) {
                    Map<String, String> row = new LinkedHashMap<>();
                    NodeList fields = ((Element) rowNodes.item(r)).getElementsByTagName("Field");
                    for (int f = 0; f < fields.getLength(); f++) {
                        Element field = (Element) fields.item(f);
                        row.put(field.getAttribute("Name"), "true".equals(field.getAttribute("Null")) ? null : field.getTextContent());
                    }
                    rows.add(row);
                }
                tables.put(item.getAttribute("Database") + "." + item.getAttribute("Table"), rows);
            }
        }
    }

    /** The row count MetaData.xml gives for a table. */
    int metaRows(String table) {
        NodeList counts = metaData.getElementsByTagName("Table");
        for (int i = 0; i < counts.getLength(); i++) {
            Element count = (Element) counts.item(i);
            if (count.getAttribute("Name").equals(table)) {
                return Integer.parseInt(count.getAttribute("Rows"));
            }
        }
        return -1;
    }

    private static Document parse(ZipFile zip, String name) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    /** The database's rows of a table as the export writes them: every value as text, in a fixed order. */
    static List<Map<String, String>> asText(List<Map<String, Object>> rows) {
        List<Map<String, String>> text = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> converted = new LinkedHashMap<>();
            row.forEach((k, v) -> converted.put(k, v == null ? null : v.toString()));
            text.add(converted);
        }
        return text;
    }

    static List<Map<String, String>> sorted(List<Map<String, String>> rows) {
        List<Map<String, String>> copy = new ArrayList<>(rows);
        copy.sort((a, b) -> a.toString().compareTo(b.toString()));
        return copy;
    }
}
