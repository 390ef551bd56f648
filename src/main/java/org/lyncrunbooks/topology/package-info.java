/**
 * The inventory of the Lync farm (the topology YAML) and its validation, and what it implies: the backup
 * plan (which items, which databases are left out and why) and the recovery plan for a failed server.
 */
package org.lyncrunbooks.topology;
