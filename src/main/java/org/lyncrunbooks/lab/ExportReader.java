package org.lyncrunbooks.lab;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.lyncrunbooks.lyncshell.ExportXml;
import org.lyncrunbooks.topology.LyncDatabase;

/**
 * Reads the ZIP files the lab's export cmdlets write, for the import cmdlets. Everything is checked (kind,
 * tables, columns, values, row counts) in a first pass before a single row is written, so a wrong or damaged
 * file is refused without touching the target. Only column names found in the target table reach SQL.
 */
final class ExportReader {


    private ExportReader() {
    }

    /** Reads and checks MetaData.xml; refuses a file that is not an export of {@code expected}. */
    static ExportKind.MetaData metaData(Path file, ExportKind expected) {
        if (!Files.isRegularFile(file)) {
            throw new CmdletFailure(CmdletFailure.Category.ObjectNotFound,
                    "Cannot find path '" + file + "' because it does not exist.");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry meta = zip.getEntry(ExportKind.META_DATA);
            if (meta == null || zip.getEntry(ExportKind.DOC_ITEM_SET) == null) {
                throw notAnExport(file, expected,
                        "it does not contain " + ExportKind.DOC_ITEM_SET + " and " + ExportKind.META_DATA);
            }
            try (InputStream in = ExportXml.bounded(zip.getInputStream(meta), true)) {
                XMLStreamReader xml = ExportXml.xmlInput().createXMLStreamReader(in);
                xml.nextTag();
                if (!"MetaData".equals(xml.getLocalName()) || !ExportKind.NAMESPACE.equals(xml.getNamespaceURI())) {
                    throw notAnExport(file, expected, ExportKind.META_DATA + " is not export metadata");
                }
                String kindName = xml.getAttributeValue(null, "Kind");
                String scope = xml.getAttributeValue(null, "Scope");
                String source = xml.getAttributeValue(null, "Source");
                String exportedAt = xml.getAttributeValue(null, "ExportedAt");
                ExportKind kind = ExportKind.fromMetadata(kindName).orElse(null);
                if (kind == null) {
                    throw notAnExport(file, expected, "its metadata names an unknown kind '" + kindName + "'");
                }
                if (kind != expected) {
                    throw notAnExport(file, expected, "it is " + kind.description() + " written by " + kind.exportCmdlet()
                            + "; use " + kind.importCmdlet() + " for it");
                }
                Map<String, Long> counts = new LinkedHashMap<>();
                while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    counts.put(xml.getAttributeValue(null, "Name"), Long.parseLong(xml.getAttributeValue(null, "Rows")));
                    xml.nextTag();
                }
                return new ExportKind.MetaData(kind, emptyToNull(scope), source,
                        exportedAt == null ? null : Instant.parse(exportedAt), counts);
            }
        } catch (ZipException e) {
            throw notAnExport(file, expected, "it is not a ZIP archive (" + e.getMessage() + ")");
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof CmdletFailure failure) {
                throw failure;
            }
            throw notAnExport(file, expected, ExportKind.META_DATA + " cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidData, "Cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static CmdletFailure notAnExport(Path file, ExportKind expected, String why) {
        return new CmdletFailure(CmdletFailure.Category.InvalidData,
                "The file '" + file + "' is not " + expected.description() + ": " + why + ".");
    }

    /** How an import treats rows already in the target. */
    enum Mode {
        /** Deletes the scope's rows, then inserts the file's rows (Import-CsUserData, Import-CsConfiguration, …). */
        REPLACE,
        /** Inserts the file's rows whose key is missing and keeps every existing row (Import-CsLisConfiguration). */
        INSERT_MISSING
    }

    /**
     * Imports {@code file} into the connections' databases: first a full check of the file against the target
     * tables, then the changes in one transaction per database. {@code overrides} replaces column values (the
     * owner of Response Group objects imported into another pool); the rows of {@code keepTables} are neither
     * deleted nor imported. Returns the rows read per table.
     */
    static Map<String, Long> importInto(Path file, ExportKind kind, String scope, Map<LyncDatabase, Connection> connections,
                                        Mode mode, Map<String, String> overrides, Set<String> keepTables) {
        ExportKind.MetaData meta = metaData(file, kind);
        Map<String, Long> seen = readRows(file, kind, connections, overrides, null, keepTables);
        Set<String> tables = new TreeSet<>(meta.rowCounts().keySet());
        tables.addAll(seen.keySet());
        for (String table : tables) {
            Long expected = meta.rowCounts().get(table);
            Long found = seen.get(table);
            if (expected == null || !expected.equals(found)) {
                throw notAnExport(file, kind, "table " + table + " should hold " + (expected == null ? "no" : expected)
                        + " rows but holds " + (found == null ? "none" : found) + " (the file is damaged)");
            }
        }
        try {
            for (Connection c : connections.values()) {
                c.setAutoCommit(false);
            }
            if (mode == Mode.REPLACE) {
                List<ExportKind.ScopedTable> reversed = new ArrayList<>(kind.tables());
                Collections.reverse(reversed);
                for (ExportKind.ScopedTable table : reversed) {
                    if (keepTables.contains(table.table())) {
                        continue;
                    }
                    try (PreparedStatement ps = connections.get(table.database()).prepareStatement(
                            "DELETE FROM " + table.table() + (table.where() == null ? "" : " WHERE " + table.where()))) {
                        for (int i = 1; i <= table.parameters(); i++) {
                            ps.setString(i, scope);
                        }
                        ps.executeUpdate();
                    }
                }
            }
            Map<String, Long> inserted = readRows(file, kind, connections, overrides, mode, keepTables);
            for (Connection c : connections.values()) {
                c.commit();
            }
            return inserted;
        } catch (SQLException | RuntimeException e) {
            for (Connection c : connections.values()) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is closed by the caller; H2 discards the uncommitted changes then
                }
            }
            if (e instanceof CmdletFailure failure) {
                throw failure;
            }
            throw new CmdletFailure(CmdletFailure.Category.InvalidOperation,
                    kind.importCmdlet() + " failed and was rolled back: " + e.getMessage(), e);
        }
    }

    /**
     * Streams DocItemSet.xml. Without {@code mode} it only checks every table, column and value against the
     * targets and counts rows; with it, it inserts them.
     */
    private static Map<String, Long> readRows(Path file, ExportKind kind, Map<LyncDatabase, Connection> connections,
                                              Map<String, String> overrides, Mode mode, Set<String> keepTables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile());
             InputStream in = ExportXml.bounded(zip.getInputStream(zip.getEntry(ExportKind.DOC_ITEM_SET)), true)) {
            XMLStreamReader xml = ExportXml.xmlInput().createXMLStreamReader(in);
            xml.nextTag();
            if (!"DocItemSet".equals(xml.getLocalName())
                    || !kind.metadataKind().equals(xml.getAttributeValue(null, "Kind"))) {
                throw notAnExport(file, kind, ExportKind.DOC_ITEM_SET + " does not hold " + kind.metadataKind() + " data");
            }
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String database = xml.getAttributeValue(null, "Database");
                String tableName = xml.getAttributeValue(null, "Table");
                ExportKind.ScopedTable table = kind.tables().stream()
                        .filter(t -> t.database().databaseName().equals(database) && t.table().equals(tableName))
                        .findFirst()
                        .orElseThrow(() -> notAnExport(file, kind, "it holds table " + database + "." + tableName
                                + ", which " + kind.exportCmdlet() + " does not write"));
                if (counts.containsKey(table.key())) {
                    throw notAnExport(file, kind, "it holds table " + table.key() + " twice");
                }
                counts.put(table.key(), readTable(xml, file, kind, table, connections.get(table.database()), overrides,
                        keepTables.contains(table.table()) ? null : mode));
            }
            return counts;
        } catch (XMLStreamException | IllegalArgumentException | DateTimeParseException e) {
            throw notAnExport(file, kind, ExportKind.DOC_ITEM_SET + " cannot be read: " + e.getMessage());
        } catch (SQLException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidOperation, kind.importCmdlet() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidData, "Cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /** The rows of one table of an export as text, for checks that need them before importing (RGS contacts). */
    static List<Map<String, String>> rawRows(Path file, ExportKind kind, String tableName) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile());
             InputStream in = ExportXml.bounded(zip.getInputStream(zip.getEntry(ExportKind.DOC_ITEM_SET)), true)) {
            XMLStreamReader xml = ExportXml.xmlInput().createXMLStreamReader(in);
            Map<String, String> row = null;
            boolean inTable = false;
            String field = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "DocItem" -> inTable = tableName.equals(xml.getAttributeValue(null, "Table"));
                        case "Row" -> row = inTable ? new LinkedHashMap<>() : null;
                        case "Field" -> {
                            field = xml.getAttributeValue(null, "Name");
                            if (row != null && field != null) {
                                boolean isNull = "true".equals(xml.getAttributeValue(null, "Null"));
                                boolean base64 = "base64".equals(xml.getAttributeValue(null, "Encoding"));
                                String text = xml.getElementText();
                                if (base64) {
                                    text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                                }
                                row.put(field.toLowerCase(Locale.ROOT), isNull ? null : text);
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "Row".equals(xml.getLocalName()) && row != null) {
                    rows.add(row);
                    row = null;
                }
            }
            return rows;
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw notAnExport(file, kind, ExportKind.DOC_ITEM_SET + " cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new CmdletFailure(CmdletFailure.Category.InvalidData, "Cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    private static long readTable(XMLStreamReader xml, Path file, ExportKind kind, ExportKind.ScopedTable table,
                                  Connection c, Map<String, String> overrides, Mode mode)
            throws XMLStreamException, SQLException {
        Map<String, Integer> types = columnTypes(c, table.table());
        List<String> keyColumns = LabDatabases.primaryKey(c, table.table());
        long rows = 0;
        Map<String, PreparedStatement> statements = new LinkedHashMap<>();
        int pending = 0;
        try {
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!"Row".equals(xml.getLocalName())) {
                    throw notAnExport(file, kind, "unexpected element " + xml.getLocalName() + " in " + table.table());
                }
                Map<String, Object> row = new LinkedHashMap<>();
                while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (!"Field".equals(xml.getLocalName())) {
                        throw notAnExport(file, kind, "unexpected element " + xml.getLocalName() + " in a row of " + table.table());
                    }
                    String name = xml.getAttributeValue(null, "Name");
                    Integer type = name == null ? null : types.get(name.toLowerCase(Locale.ROOT));
                    if (type == null || row.containsKey(name.toLowerCase(Locale.ROOT))) {
                        throw notAnExport(file, kind, "table " + table.table() + " has no column '" + name + "'");
                    }
                    boolean isNull = "true".equals(xml.getAttributeValue(null, "Null"));
                    boolean base64 = "base64".equals(xml.getAttributeValue(null, "Encoding"));
                    String text = xml.getElementText();
                    if (base64) {
                        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                    }
                    String column = name.toLowerCase(Locale.ROOT);
                    Object value = isNull ? null : parse(text, type);
                    if (overrides.containsKey(column)) {
                        value = overrides.get(column);
                    }
                    row.put(column, value);
                }
                rows++;
                if (mode == null) {
                    continue;
                }
                String columns = String.join(", ", row.keySet());
                PreparedStatement ps = statements.get(columns);
                if (ps == null) {
                    ps = c.prepareStatement("INSERT INTO " + table.table() + " (" + columns + ") VALUES ("
                            + String.join(", ", Collections.nCopies(row.size(), "?")) + ")");
                    statements.put(columns, ps);
                }
                int i = 1;
                for (Object value : row.values()) {
                    ps.setObject(i++, value);
                }
                if (mode == Mode.INSERT_MISSING) {
                    if (!exists(c, table.table(), keyColumns, row)) {
                        ps.executeUpdate();
                    }
                } else {
                    ps.addBatch();
                    if (++pending == 500) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (mode == Mode.REPLACE) {
                for (PreparedStatement ps : statements.values()) {
                    ps.executeBatch();
                }
            }
        } finally {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
        }
        return rows;
    }

    private static boolean exists(Connection c, String table, List<String> keyColumns, Map<String, Object> row)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM ").append(table).append(" WHERE ");
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(keyColumns.get(i)).append(" = ?");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < keyColumns.size(); i++) {
                ps.setObject(i + 1, row.get(keyColumns.get(i).toLowerCase(Locale.ROOT)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The target table's columns (lower case) and their JDBC types; these are the only names put into SQL. */
    private static Map<String, Integer> columnTypes(Connection c, String table) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                types.put(md.getColumnName(i).toLowerCase(Locale.ROOT), md.getColumnType(i));
            }
        }
        return types;
    }

    private static Object parse(String text, int type) {
        return switch (type) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Integer.valueOf(text.trim());
            case Types.BIGINT -> Long.valueOf(text.trim());
            case Types.BOOLEAN, Types.BIT -> switch (text.trim()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("'" + text + "' is not a boolean");
            };
            case Types.TIMESTAMP -> LocalDateTime.parse(text.trim());
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Double.valueOf(text.trim());
            case Types.DECIMAL, Types.NUMERIC -> new BigDecimal(text.trim());
            case Types.BINARY, Types.VARBINARY, Types.BLOB, Types.LONGVARBINARY -> HexFormat.of().parseHex(text.trim());
            default -> text;
        };
    }
}
