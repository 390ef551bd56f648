/**
 * Telling people what happened without their opening Tasklist: mail to the members of a task's candidate group
 * (and configured extra addresses) when a task appears, a run fails or is escalated, and when the backup health
 * turns DOWN and back UP; sent after the engine transaction commits, retried on a thread of its own, claimed once
 * in the engine database so that two nodes never send the same mail twice.
 */
package org.lyncrunbooks.notify;
