package io.vigil.api.alert;

/** Event Admin topics announcing alerts; one topic per kind so subscribers can filter. */
public final class AlertTopics {

    /** An alert was committed. Property {@code alert.id}. */
    public static final String STORED = "io/vigil/alert/STORED";

    /** An alert's review state changed. Properties {@code alert.id}, {@code alert.state}. */
    public static final String REVIEWED = "io/vigil/alert/REVIEWED";

    private AlertTopics() {
    }
}
