/**
 * SQL Server over mssql-jdbc: BACKUP, RESTORE VERIFYONLY and RESTORE with names checked against the catalog,
 * clean-target checks, and logins whose passwords are referenced, never stored.
 */
package org.lyncrunbooks.sqlserver;
