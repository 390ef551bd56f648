package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.SQLException;

import org.lyncrunbooks.topology.SqlStoreRef;

/** Opens a JDBC connection to the {@code master} database of one SQL Server instance of the topology. */
public interface SqlConnectionFactory {

    /**
     * A new connection, which the caller closes.
     *
     * @throws SQLException        when the driver cannot connect or log in
     * @throws SqlServerException  when the configured credential cannot be read (missing variable or file)
     */
    Connection open(SqlStoreRef instance) throws SQLException;
}
