package io.vigil.api.compliance;

/** The ledger, a filing or the audit trail could not be read or written; the message says why. */
public class ComplianceException extends Exception {
    private static final long serialVersionUID = 1L;

    public ComplianceException(String message) {
        super(message);
    }

    public ComplianceException(String message, Throwable cause) {
        super(message, cause);
    }
}
