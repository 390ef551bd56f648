package org.lyncrunbooks.backup;

import org.lyncrunbooks.workflow.RequestRefusedException;

/** A backup run cannot start: another one is in progress, or a value given is wrong. Nothing was started. */
public class BackupRunRefusedException extends RequestRefusedException {

    public BackupRunRefusedException(Status status, String message) {
        super(status, message);
    }
}
