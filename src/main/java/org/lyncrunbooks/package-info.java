/**
 * lync-runbooks: Lync Server 2013 backup and disaster recovery as BPMN on an embedded Camunda 7 engine.
 * Each package below owns one capability or tool; docs/architecture.md says which and what may use what.
 */
package org.lyncrunbooks;
