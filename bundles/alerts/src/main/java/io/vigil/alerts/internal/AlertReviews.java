package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AuditedActions.actor;
import static io.vigil.alerts.internal.AuditedActions.found;
import static io.vigil.alerts.internal.AuditedActions.idOf;
import static io.vigil.alerts.internal.AuditedActions.record;

import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Review and the other actions of people on stored alerts: list, show, view evidence, confirm
 * (two different people where two-person confirmation is on), dismiss, legal hold. Each view,
 * review and hold is recorded in the audit trail before it takes effect.
 */
final class AlertReviews {

    /** An alert with its review trail, as shown to a person. */
    record AlertView(StoredAlert alert, List<Review> reviews, boolean evidenceStored) {
    }

    private final AlertStoreState state;
    private final Clock clock;

    AlertReviews(AlertStoreState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    List<StoredAlert> list(AlertRecords.Filter filter) throws AlertStoreException {
        return state.open().database().read(c -> AlertRecords.list(c, filter));
    }

    AlertView show(String id, String viewer) throws AlertStoreException {
        OpenStore p = state.open();
        AuditTrail trail = AuditedActions.requireAudit(state, p, "viewing an alert");
        AlertId aid = idOf(id);
        AlertView view = p.database().read(c -> new AlertView(found(c, aid), AlertRecords.reviews(c, aid),
                AlertRecords.evidence(c, aid).isPresent()));
        record(trail, AuditActions.ALERT_VIEWED, actor(viewer), Map.of("alert", aid.toString()));
        return view;
    }

    /**
     * The alert's evidence decrypted for {@code viewer}, the view recorded in the audit trail
     * first; empty when the alert has no stored evidence.
     */
    Optional<RecognitionEvidence> evidence(String id, String viewer) throws AlertStoreException {
        OpenStore p = state.open();
        AuditTrail trail = AuditedActions.requireAudit(state, p, "viewing an alert's evidence");
        AlertId aid = idOf(id);
        Optional<AlertRecords.SealedEvidence> sealed = p.database().read(c -> {
            found(c, aid);
            return AlertRecords.evidence(c, aid);
        });
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        record(trail, AuditActions.ALERT_VIEWED, actor(viewer), Map.of("alert", aid.toString(), "evidence", "face-crop"));
        byte[] face = p.cipher().decrypt(sealed.get().keyPeriod(), sealed.get().faceCrop(),
                EvidenceCipher.associated(aid, "face-crop"));
        byte[] region = p.cipher().decrypt(sealed.get().keyPeriod(), sealed.get().frameRegion(),
                EvidenceCipher.associated(aid, "frame-region"));
        return Optional.of(new RecognitionEvidence(face, region));
    }

    /** The reviews of an alert, oldest first. */
    List<Review> reviews(String id) throws AlertStoreException {
        AlertId aid = idOf(id);
        return state.open().database().read(c -> {
            found(c, aid);
            return AlertRecords.reviews(c, aid);
        });
    }

    StoredAlert confirm(String id, String reviewerName) throws AlertStoreException {
        String reviewer = ReviewWorkflow.reviewer(reviewerName);
        OpenStore p = state.open();
        AuditTrail trail = AuditedActions.requireAudit(state, p, "a review");
        AlertId aid = idOf(id);
        boolean twoPerson = state.options().twoPersonConfirmation();
        StoredAlert after = p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            AlertState next = ReviewWorkflow.afterConfirmation(a, AlertRecords.reviews(c, aid), reviewer, twoPerson);
            Instant now = clock.instant();
            AlertRecords.addReview(c, aid, new Review(reviewer, Review.Outcome.CONFIRMED, Optional.empty(), now));
            AlertRecords.setState(c, aid, next, now);
            if (next == AlertState.CONFIRMED) {
                FalseAlertRates.count(c, a.watchlistId(), a.cameraId(), Review.Outcome.CONFIRMED, null);
            }
            Outbox.add(c, aid, AlertTopics.REVIEWED, next, false, now);
            Map<String, String> d = reviewDetails(a, next);
            d.put("two.person.confirmation", Boolean.toString(twoPerson));
            // recorded before the commit: if the trail refuses, the confirmation is rolled back
            record(trail, AuditActions.ALERT_CONFIRMED, reviewer, d);
            return found(c, aid);
        });
        p.announcer().wake();
        return after;
    }

    StoredAlert dismiss(String id, String reviewerName, DismissReason reason) throws AlertStoreException {
        String reviewer = ReviewWorkflow.reviewer(reviewerName);
        OpenStore p = state.open();
        AuditTrail trail = AuditedActions.requireAudit(state, p, "a review");
        AlertId aid = idOf(id);
        StoredAlert after = p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            ReviewWorkflow.checkDismissal(a, AlertRecords.reviews(c, aid));
            Instant now = clock.instant();
            AlertRecords.addReview(c, aid, new Review(reviewer, Review.Outcome.DISMISSED, Optional.of(reason), now));
            AlertRecords.setState(c, aid, AlertState.DISMISSED, now);
            FalseAlertRates.count(c, a.watchlistId(), a.cameraId(), Review.Outcome.DISMISSED, reason);
            Outbox.add(c, aid, AlertTopics.REVIEWED, AlertState.DISMISSED, false, now);
            Map<String, String> d = reviewDetails(a, AlertState.DISMISSED);
            d.put("reason", reason.text());
            record(trail, AuditActions.ALERT_DISMISSED, reviewer, d);
            return found(c, aid);
        });
        p.announcer().wake();
        return after;
    }

    StoredAlert hold(String id, boolean on, String by) throws AlertStoreException {
        OpenStore p = state.open();
        AuditTrail trail = AuditedActions.requireAudit(state, p, "a legal hold");
        AlertId aid = idOf(id);
        String actor = actor(by);
        StoredAlert after = p.database().transaction(c -> {
            found(c, aid);
            AlertRecords.setHold(c, aid, on, actor, clock.instant());
            record(trail, on ? AlertService.LEGAL_HOLD_PLACED : AlertService.LEGAL_HOLD_RELEASED, actor, Map.of("alert", aid.toString()));
            return found(c, aid);
        });
        if (!on) {
            // released past its retention period: due now, not in up to an hour
            p.retentionLoop().wake();
        }
        return after;
    }

    private static Map<String, String> reviewDetails(StoredAlert a, AlertState next) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alert", a.id().toString());
        d.put("deployment", a.deploymentId());
        d.put("camera", a.cameraId());
        d.put("watchlist", a.watchlistId());
        d.put("subject", a.subjectPseudonym());
        d.put("from", a.state().name());
        d.put("to", next.name());
        return d;
    }
}
