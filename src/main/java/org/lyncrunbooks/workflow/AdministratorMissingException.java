package org.lyncrunbooks.workflow;

/** Start-up refused: no administrator exists and none (or only a weak one) is configured. */
class AdministratorMissingException extends IllegalStateException {

    AdministratorMissingException(String message) {
        super(message);
    }
}
