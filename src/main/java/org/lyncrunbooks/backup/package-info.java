/**
 * The lync-backup-cycle and lync-backup-schedule processes: their delegates, the item handler, the backup
 * service, and the read models behind the backup catalog and the backup health group.
 */
package org.lyncrunbooks.backup;
