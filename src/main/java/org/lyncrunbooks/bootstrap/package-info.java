/**
 * Bringing up a new node of this application from the backup share ({@code --lync.bootstrap.from}): verifying the
 * set, restoring the engine database (H2, PostgreSQL; the statement for a DBA on SQL Server), putting the topology
 * file and configuration in place, and, once the engine runs, holding the process instances that were running when
 * the set was taken for lync-administrators to continue or cancel.
 */
package org.lyncrunbooks.bootstrap;
