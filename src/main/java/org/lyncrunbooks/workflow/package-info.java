/**
 * Engine glue shared by every process: security, groups, authorizations, Tasklist filters, the external-task
 * worker, deployments; capabilities contribute to it through interfaces it defines, and it names none of them.
 */
package org.lyncrunbooks.workflow;
