package org.lyncrunbooks.bootstrap;

/** A bootstrap that does not go ahead, with the reason and what to do; nothing was restored or overwritten. */
class BootstrapRefusedException extends RuntimeException {

    BootstrapRefusedException(String message) {
        super(message);
    }

    BootstrapRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
