package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The review rules. With two-person confirmation (EU AI Act Art. 14(5): no action on a match
 * unless verified by two people) an alert goes NEW -> CONFIRMED_ONCE -> CONFIRMED, the second
 * confirmation by a different reviewer; without it one confirmation makes it CONFIRMED. Either
 * reviewer may dismiss it instead. A confirmed or dismissed alert is final: what was acted on, or
 * not, must stay as it was decided.
 */
final class ReviewWorkflow {

    private ReviewWorkflow() {
    }

    /** A reviewer's name as recorded: trimmed; compared without case, so "Ann" and "ann" are one person. */
    static String reviewer(String given) throws AlertStoreException {
        String name = given == null ? "" : given.strip();
        if (name.isEmpty()) {
            throw refused("a review needs the reviewer's name (--reviewer NAME)");
        }
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw refused("a reviewer's name is at most 100 printable characters");
        }
        return name;
    }

    static AlertState afterConfirmation(StoredAlert alert, List<Review> reviews, String reviewer, boolean twoPerson)
            throws AlertStoreException {
        checkOpen(alert, reviews);
        if (alert.state() == AlertState.CONFIRMED_ONCE) {
            for (Review r : reviews) {
                if (r.outcome() == Review.Outcome.CONFIRMED && same(r.reviewer(), reviewer)) {
                    throw refused(r.reviewer() + " already confirmed alert " + alert.id() + "; the second confirmation"
                            + " must come from a different reviewer (two-person confirmation)");
                }
            }
            return AlertState.CONFIRMED;
        }
        return twoPerson ? AlertState.CONFIRMED_ONCE : AlertState.CONFIRMED;
    }

    static void checkDismissal(StoredAlert alert, List<Review> reviews) throws AlertStoreException {
        checkOpen(alert, reviews);
    }

    private static void checkOpen(StoredAlert alert, List<Review> reviews) throws AlertStoreException {
        if (alert.state() == AlertState.CONFIRMED || alert.state() == AlertState.DISMISSED) {
            String by = reviews.stream().map(r -> r.outcome().name().toLowerCase(Locale.ROOT) + " by " + r.reviewer()
                    + " at " + r.at() + r.reason().map(x -> " (" + x + ")").orElse("")).collect(Collectors.joining(", "));
            throw refused("alert " + alert.id() + " is " + alert.state() + (by.isEmpty() ? "" : " (" + by + ")")
                    + "; a confirmed or dismissed alert cannot be reviewed again");
        }
        if (alert.state() == AlertState.EXPIRED) {
            throw refused("alert " + alert.id() + " expired and cannot be reviewed");
        }
    }

    private static boolean same(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    private static AlertStoreException refused(String message) {
        return new ReviewRefusedException(message);
    }

    /** The review broke a rule; nothing was changed. */
    static final class ReviewRefusedException extends AlertStoreException {
        private static final long serialVersionUID = 1L;

        ReviewRefusedException(String message) {
            super(message, null);
        }
    }
}
