package org.lyncrunbooks.lab;

/**
 * A lab cmdlet failed the way the real one would (a precondition not met, a file refused); the shell prints
 * it as a PowerShell error record and exits with 1.
 */
final class CmdletFailure extends RuntimeException {

    /** PowerShell's ErrorCategory of the record, shown in its CategoryInfo line. */
    enum Category {
        InvalidArgument, InvalidData, InvalidOperation, ObjectNotFound, ResourceExists, ResourceUnavailable,
        ConnectionError, NotInstalled, OperationTimeout, OperationStopped
    }

    private final Category category;

    CmdletFailure(Category category, String message) {
        super(message);
        this.category = category;
    }

    CmdletFailure(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    Category category() {
        return category;
    }
}
