package org.lyncrunbooks.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * R11 step 4 after restoring LcsLog, LcsCDR or QoEMetrics: the domain group {@code RTCComponentUniversalServices}
 * must be a user of the database with the {@code ServerRole} role.
 *
 * <p>The checks read {@code [db].sys.*} by three-part name. The two statements that must run inside the
 * database ({@code CREATE USER}, adding the role member) are passed as a bound parameter to
 * {@code [db].sys.sp_executesql}, which runs them in that database; no {@code USE} is sent. Like the rest of
 * this package, this has not met a live Lync SQL store here.
 */
final class ServerRoleMembership {

    static final String GROUP = "RTCComponentUniversalServices";
    static final String ROLE = "ServerRole";

    private static final Logger log = LoggerFactory.getLogger(ServerRoleMembership.class);

    private ServerRoleMembership() {
    }

    /**
     * Adds {@code adDomain\RTCComponentUniversalServices} to {@code ServerRole} in {@code database} (a name as
     * the catalog returned it) unless a member of that name is there; returns whether it had to be added.
     *
     * @throws SqlServerException when it is missing and no AD domain is configured
     */
    static boolean ensure(Connection connection, String database, String where, String adDomain, int timeoutSeconds)
            throws SQLException {
        String db = TSql.quoteName(database);
        if (hasMember(connection, db, timeoutSeconds)) {
            return false;
        }
        if (adDomain == null) {
            throw new SqlServerException("database " + db + " on " + where + " has no member *\\" + GROUP
                    + " in role " + ROLE + " (R11 step 4); set lync.sql.ad-domain to the NetBIOS domain of the Lync"
                    + " groups so that it can be added, or add the user by hand");
        }
        String principal = adDomain + "\\" + GROUP;
        String action = "adding " + TSql.quoteName(principal) + " to role " + ROLE + " in " + db + " on " + where;
        String inDatabase = "EXEC " + db + ".sys.sp_executesql ?";
        Optional<String> user = databaseUser(connection, db, principal, timeoutSeconds);
        if (user.isEmpty()) {
            Statements.runToEnd(connection, action, inDatabase, timeoutSeconds,
                    "CREATE USER " + TSql.quoteName(principal) + " FOR LOGIN " + TSql.quoteName(principal));
        }
        String member = user.orElse(principal);
        Statements.runToEnd(connection, action, inDatabase, timeoutSeconds,
                addRoleMember(JdbcSqlServerClient.productVersion(connection), member));
        log.info("Added {} to role {} in {} on {}", member, ROLE, db, where);
        return true;
    }

    /** {@code ALTER ROLE … ADD MEMBER} exists from SQL Server 2012 (11.x); Lync 2013 also runs on 2008 R2 (10.50). */
    static String addRoleMember(String productVersion, String member) {
        if (majorVersion(productVersion) < 11) {
            return "EXEC sp_addrolemember @rolename = " + TSql.quoteString(ROLE) + ", @membername = "
                    + TSql.quoteString(member);
        }
        return "ALTER ROLE " + TSql.quoteName(ROLE) + " ADD MEMBER " + TSql.quoteName(member);
    }

    /** A member of the role named {@code *\RTCComponentUniversalServices}, as database user or as its login. */
    private static boolean hasMember(Connection connection, String db, int timeoutSeconds) throws SQLException {
        String sql = "SELECT m.name FROM " + db + ".sys.database_role_members AS rm"
                + " JOIN " + db + ".sys.database_principals AS r ON r.principal_id = rm.role_principal_id"
                + " JOIN " + db + ".sys.database_principals AS m ON m.principal_id = rm.member_principal_id"
                + " WHERE r.name = ? AND (m.name LIKE ? OR SUSER_SNAME(m.sid) LIKE ?)";
        String pattern = "%\\" + GROUP;
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setQueryTimeout(timeoutSeconds);
            query.setString(1, ROLE);
            query.setString(2, pattern);
            query.setString(3, pattern);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    /** The database user for the principal: by its name, or by the SID of the login with that name. */
    private static Optional<String> databaseUser(Connection connection, String db, String principal,
                                                 int timeoutSeconds) throws SQLException {
        String sql = "SELECT name FROM " + db + ".sys.database_principals WHERE name = ? OR sid = SUSER_SID(?)";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setQueryTimeout(timeoutSeconds);
            query.setString(1, principal);
            query.setString(2, principal);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    private static int majorVersion(String productVersion) {
        try {
            return Integer.parseInt(productVersion.substring(0, productVersion.indexOf('.')));
        } catch (RuntimeException e) {
            throw new SqlServerException("SQL Server reported an unreadable product version '"
                    + TSql.printable(productVersion) + "'");
        }
    }
}
