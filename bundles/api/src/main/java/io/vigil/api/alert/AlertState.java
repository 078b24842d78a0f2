package io.vigil.api.alert;

/** Where an alert is in its review. */
public enum AlertState {
    /** Stored, not reviewed yet. */
    NEW,
    /** Confirmed by one reviewer; a second is still required where the law asks for two. */
    CONFIRMED_ONCE,
    /** Confirmed by every reviewer required. */
    CONFIRMED,
    /** A reviewer judged it a false match. */
    DISMISSED,
    /** Removed by retention; only the audit trail remembers it. */
    EXPIRED
}
