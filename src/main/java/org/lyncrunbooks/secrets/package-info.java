/**
 * Keeping secrets out of texts that leave the application: credential values masked in messages that become
 * incidents, task messages or log lines.
 */
package org.lyncrunbooks.secrets;
