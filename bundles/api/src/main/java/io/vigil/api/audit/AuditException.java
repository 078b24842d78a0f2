package io.vigil.api.audit;

/** The audit trail could not record or read; the message says why. */
public class AuditException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
