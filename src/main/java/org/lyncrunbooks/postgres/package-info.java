/**
 * pg_dump of the engine's own database when it runs on PostgreSQL: the connection read from a JDBC URL and handed
 * to pg_dump through its environment, so no name becomes an option and no password reaches a command line.
 */
package org.lyncrunbooks.postgres;
