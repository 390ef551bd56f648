/** Disaster recovery with paired Front End pools: the {@code lync-pool-failover} runbook (H13), its service and checks. */
package org.lyncrunbooks.failover;
