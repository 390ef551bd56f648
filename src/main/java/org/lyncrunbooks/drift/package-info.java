/**
 * Topology drift: the farm's published topology ({@code Get-CsTopology -AsXml}) read after every backup run and on
 * demand, compared with the topology file, and what the file lacks (or no longer has) raised as one "Topology changed"
 * task for the operators, shown by the {@code topology} health component and the
 * {@code lync_topology_unprotected_items} gauge; and the topology file generated from the farm
 * ({@code GET /api/topology/from-farm}).
 */
package org.lyncrunbooks.drift;
