package org.lyncrunbooks.drill;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/** This application's engine database as the drill of its backup needs it: what it is, where, and its history rows. */
final class EngineDatabase {

    private final DataSource engine;

    EngineDatabase(DataSource engine) {
        this.engine = engine;
    }

    String product() {
        try (Connection c = engine.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the engine database: " + e.getMessage(), e);
        }
    }

    String url() {
        try (Connection c = engine.getConnection()) {
            return c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the engine database: " + e.getMessage(), e);
        }
    }

    String catalog() {
        try (Connection c = engine.getConnection()) {
            return c.getCatalog();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the engine database's name: " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try (Connection c = engine.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on the engine's database server: " + e.getMessage(), e);
        }
    }

    /** The rows of every ACT_HI_ table of the copy at {@code url}. */
    static Map<String, Long> history(String url, String user, String password) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            DatabaseMetaData md = c.getMetaData();
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (table.toUpperCase(Locale.ROOT).startsWith("ACT_HI_")) {
                        tables.add(new String[] {rs.getString("TABLE_SCHEM"), table});
                    }
                }
            }
            String quote = md.getIdentifierQuoteString().trim();
            for (String[] table : tables) {
                String name = (table[0] == null ? "" : quote + table[0] + quote + ".") + quote + table[1] + quote;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + name)) {
                    rs.next();
                    counts.put(table[1].toUpperCase(Locale.ROOT), rs.getLong(1));
                }
            }
            if (url.startsWith("jdbc:h2:")) {
                // close the copy now, not when H2 gets round to it: its files are removed next
                try (Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history tables of the restored copy: " + e.getMessage(), e);
        }
        return counts;
    }
}
