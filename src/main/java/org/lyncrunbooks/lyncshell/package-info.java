/**
 * Running Lync Server Management Shell cmdlets through the configured launcher: quoting, timeouts, and the
 * output captured and decoded into the failure message.
 */
package org.lyncrunbooks.lyncshell;
