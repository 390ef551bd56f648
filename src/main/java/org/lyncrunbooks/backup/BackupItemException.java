package org.lyncrunbooks.backup;

import org.lyncrunbooks.secrets.Redaction;

/** A backup item failed; the message is the tool's own (the cmdlet's, SQL Server's, the file system's). */
public class BackupItemException extends RuntimeException {

    private final String itemId;

    public BackupItemException(String itemId, String message, Throwable cause) {
        super(Redaction.scrub(itemId + ": " + message), cause);
        this.itemId = itemId;
    }

    public String itemId() {
        return itemId;
    }

    /** The most useful one-line description of a failure: its own message, else its type. */
    static String describe(Throwable e) {
        String message = Redaction.scrub(e.getMessage());
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.length() > 2000 ? message.substring(0, 2000) + " …" : message;
    }
}
