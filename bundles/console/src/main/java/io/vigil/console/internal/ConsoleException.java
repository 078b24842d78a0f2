package io.vigil.console.internal;

/** A console operation failed or was refused; the message is for a person. */
final class ConsoleException extends Exception {
    private static final long serialVersionUID = 1L;

    ConsoleException(String message) {
        super(message);
    }

    ConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}
