package io.vigil.compliance.internal.filing;

/** A filing pack could not be made, signed or read. */
public final class FilingException extends Exception {
    private static final long serialVersionUID = 1L;

    public FilingException(String message) {
        super(message);
    }

    public FilingException(String message, Throwable cause) {
        super(message, cause);
    }
}
