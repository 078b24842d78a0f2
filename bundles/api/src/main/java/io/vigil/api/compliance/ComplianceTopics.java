package io.vigil.api.compliance;

/** Event Admin topics of the facial-data ledger. */
public final class ComplianceTopics {

    /**
     * A ledger warning, posted once when it arises (and again after a restart only if it was never
     * posted). Properties: {@link #PROFILE}, {@link #KIND}, {@link #COUNT}, {@link #THRESHOLD},
     * {@link #MESSAGE}, and {@link #DEADLINE} when the warning has one.
     */
    public static final String WARNING = "io/vigil/compliance/WARNING";

    /** The jurisdiction profile, e.g. {@code CN} (String). */
    public static final String PROFILE = "profile";
    /** One of {@link #KINDS} (String). */
    public static final String KIND = "kind";
    /** Distinct individuals held when the warning arose (Long). */
    public static final String COUNT = "count";
    /** The profile's filing threshold in individuals (Long). */
    public static final String THRESHOLD = "threshold";
    /** The filing deadline, ISO date {@code YYYY-MM-DD} (String); absent for early warnings. */
    public static final String DEADLINE = "deadline";
    /** The warning in words for an operator (String); never names a person. */
    public static final String MESSAGE = "message";

    public static final String EARLY_WARNING = "EARLY_WARNING";
    public static final String THRESHOLD_CROSSED = "THRESHOLD_CROSSED";
    public static final String CHANGE_DUE = "CHANGE_DUE";
    public static final String CANCELLATION_DUE = "CANCELLATION_DUE";
    public static final String DEADLINE_APPROACHING = "DEADLINE_APPROACHING";
    public static final String DEADLINE_OVERDUE = "DEADLINE_OVERDUE";

    public static final java.util.List<String> KINDS = java.util.List.of(EARLY_WARNING, THRESHOLD_CROSSED, CHANGE_DUE,
            CANCELLATION_DUE, DEADLINE_APPROACHING, DEADLINE_OVERDUE);

    private ComplianceTopics() {
    }
}
