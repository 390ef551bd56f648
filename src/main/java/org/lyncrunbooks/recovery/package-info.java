/**
 * The lync-server-recovery process and the procedure processes it calls: delegates, the recovery service and
 * its journal, checks and restores, and the read models behind the recovery report and the timeline.
 */
package org.lyncrunbooks.recovery;
