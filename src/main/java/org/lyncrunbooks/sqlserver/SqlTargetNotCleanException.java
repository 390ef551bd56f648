package org.lyncrunbooks.sqlserver;

/** A restore was refused because the target database already holds data (D3: restore only onto clean targets). */
public class SqlTargetNotCleanException extends SqlServerException {

    public SqlTargetNotCleanException(String message) {
        super(message);
    }
}
