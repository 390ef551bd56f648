package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.lyncrunbooks.topology.LyncDatabase;

/**
 * Writes the ZIP files of the lab's export cmdlets: {@code DocItemSet.xml} with the rows of the export's tables
 * and {@code MetaData.xml} saying what kind of export it is, its scope and how many rows each table has.
 */
final class ExportWriter {

    private ExportWriter() {
    }

    /**
     * Writes the rows of {@code kind} within {@code scope} to {@code file}, through a temporary file moved into
     * place at the end; with {@code overwrite} false an existing file is refused, also when it appears meanwhile.
     */
    static ExportKind.MetaData write(Path file, ExportKind kind, String scope, String source,
                          Function<LyncDatabase, Connection> connections, boolean overwrite) {
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
        Map<String, Long> counts = new LinkedHashMap<>();
        Instant exportedAt = Instant.now();
        try {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(ExportKind.DOC_ITEM_SET));
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(nonClosing(zip), "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("DocItemSet");
                xml.writeDefaultNamespace(ExportKind.NAMESPACE);
                xml.writeAttribute("Kind", kind.metadataKind());
                xml.writeAttribute("Scope", scope == null ? "" : scope);
                for (ExportKind.ScopedTable table : kind.tables()) {
                    counts.put(table.key(), writeTable(xml, table, scope, connections.apply(table.database())));
                }
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
                zip.closeEntry();

                zip.putNextEntry(new ZipEntry(ExportKind.META_DATA));
                xml = XMLOutputFactory.newFactory().createXMLStreamWriter(nonClosing(zip), "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("MetaData");
                xml.writeDefaultNamespace(ExportKind.NAMESPACE);
                xml.writeAttribute("FormatVersion", "1");
                xml.writeAttribute("Kind", kind.metadataKind());
                xml.writeAttribute("Tool", kind.exportCmdlet());
                xml.writeAttribute("Scope", scope == null ? "" : scope);
                xml.writeAttribute("Source", source);
                xml.writeAttribute("ExportedAt", exportedAt.toString());
                for (Map.Entry<String, Long> count : counts.entrySet()) {
                    xml.writeEmptyElement("Table");
                    xml.writeAttribute("Name", count.getKey());
                    xml.writeAttribute("Rows", count.getValue().toString());
                }
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
                zip.closeEntry();
            }
            if (overwrite) {
                StateFiles.moveInto(tmp, file);
            } else {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new CmdletFailure(CmdletFailure.Category.ResourceExists, "The file '" + file + "' already exists.");
        } catch (IOException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Cannot write '" + file + "': " + e.getMessage(), e);
        } catch (XMLStreamException | SQLException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, "Export to '" + file + "' failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is hidden and named uniquely; leaving it behind harms nothing
            }
        }
        return new ExportKind.MetaData(kind, scope, source, exportedAt, counts);
    }

    private static long writeTable(XMLStreamWriter xml, ExportKind.ScopedTable table, String scope, Connection c)
            throws SQLException, XMLStreamException {
        String sql = "SELECT * FROM " + table.table() + (table.where() == null ? "" : " WHERE " + table.where())
                + " ORDER BY " + String.join(", ", LabDatabases.primaryKey(c, table.table()));
        long rows = 0;
        xml.writeStartElement("DocItem");
        xml.writeAttribute("Database", table.database().databaseName());
        xml.writeAttribute("Table", table.table());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= table.parameters(); i++) {
                ps.setString(i, scope);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    rows++;
                    xml.writeStartElement("Row");
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object value = LabDatabases.value(rs, i, md.getColumnType(i));
                        xml.writeStartElement("Field");
                        xml.writeAttribute("Name", md.getColumnName(i).toLowerCase(Locale.ROOT));
                        xml.writeAttribute("Type", JDBCType.valueOf(md.getColumnType(i)).getName());
                        if (value == null) {
                            xml.writeAttribute("Null", "true");
                        } else {
                            String text = value.toString();
                            if (xmlSafe(text)) {
                                xml.writeCharacters(text);
                            } else {
                                xml.writeAttribute("Encoding", "base64");
                                xml.writeCharacters(
                                        Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
                            }
                        }
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                }
            }
        }
        xml.writeEndElement();
        return rows;
    }
    private static boolean xmlSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == '\r' || ch == 0xFFFE || ch == 0xFFFF) {
                // CR is encoded too: XML parsers normalise it away
                return false;
            }
            if (Character.isSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
