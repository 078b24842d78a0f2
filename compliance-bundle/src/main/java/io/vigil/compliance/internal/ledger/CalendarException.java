package io.vigil.compliance.internal.ledger;

/** The working-day calendar is malformed, or a date lies outside the years it covers. */
public final class CalendarException extends Exception {
    private static final long serialVersionUID = 1L;

    public CalendarException(String message) {
        super(message);
    }
}
