package io.vigil.api.audit;

/** The audited actions the product's bundles share; one constant per kind, so the trail can be filtered. */
public final class AuditActions {
    public static final String DEPLOYMENT_CREATED = "deployment.created";
    public static final String DEPLOYMENT_STARTED = "deployment.started";
    public static final String DEPLOYMENT_STOPPED = "deployment.stopped";
    public static final String DEPLOYMENT_THRESHOLD_CHANGED = "deployment.threshold-changed";
    public static final String WATCHLIST_CREATED = "watchlist.created";
    public static final String WATCHLIST_SUBJECT_ENROLLED = "watchlist.subject-enrolled";
    public static final String WATCHLIST_SUBJECT_REMOVED = "watchlist.subject-removed";
    public static final String WATCHLIST_DELETED = "watchlist.deleted";
    public static final String WATCHLIST_KEY_ROTATED = "watchlist.key-rotated";
    public static final String MATCH = "match";
    public static final String ALERT_VIEWED = "alert.viewed";
    public static final String ALERT_CONFIRMED = "alert.confirmed";
    public static final String ALERT_DISMISSED = "alert.dismissed";
    public static final String ALERT_EXPORTED = "alert.exported";
    public static final String ALERT_DELETED = "alert.deleted";
    /** An administrator recorded that the use of facial recognition stopped (the cancellation filing opens). */
    public static final String COMPLIANCE_USE_STOPPED = "compliance.use-stopped";
    public static final String CONFIGURATION_CHANGED = "configuration.changed";
    public static final String LOGIN = "login";
    /** An administrator measured the model on labelled photos ({@code vigil evaluate}). */
    public static final String EVALUATION_RUN = "evaluation.run";

    private AuditActions() {
    }
}
