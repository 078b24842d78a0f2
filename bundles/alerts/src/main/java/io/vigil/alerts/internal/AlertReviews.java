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
import java.sql.Connection;
import java.sql.SQLException;
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
        if (p.cluster().member()) {
            return clusterReview(p, trail, aid, reviewer, Review.Outcome.CONFIRMED, Optional.empty(), twoPerson);
        }
        StoredAlert after = p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            Instant now = clock.instant();
            AlertState next = applyConfirmation(c, a, reviewer, twoPerson, now);
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
        if (p.cluster().member()) {
            return clusterReview(p, trail, aid, reviewer, Review.Outcome.DISMISSED, Optional.of(reason),
                    state.options().twoPersonConfirmation());
        }
        StoredAlert after = p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            Instant now = clock.instant();
            applyDismissal(c, a, reviewer, reason, now);
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

    /**
     * A confirmation taking effect: checked against the rules, recorded, tallied and announced.
     * The same on a single node and, in a cluster, on every node applying the log in its order.
     */
    static AlertState applyConfirmation(Connection c, StoredAlert a, String reviewer, boolean twoPerson, Instant at)
            throws SQLException, AlertStoreException {
        AlertState next = ReviewWorkflow.afterConfirmation(a, AlertRecords.reviews(c, a.id()), reviewer, twoPerson);
        AlertRecords.addReview(c, a.id(), new Review(reviewer, Review.Outcome.CONFIRMED, Optional.empty(), at));
        AlertRecords.setState(c, a.id(), next, at);
        if (next == AlertState.CONFIRMED) {
            FalseAlertRates.count(c, a.watchlistId(), a.cameraId(), Review.Outcome.CONFIRMED, null);
        }
        Outbox.add(c, a.id(), AlertTopics.REVIEWED, next, false, at);
        return next;
    }

    /** A dismissal taking effect (see {@link #applyConfirmation}). */
    static void applyDismissal(Connection c, StoredAlert a, String reviewer, DismissReason reason, Instant at)
            throws SQLException, AlertStoreException {
        ReviewWorkflow.checkDismissal(a, AlertRecords.reviews(c, a.id()));
        AlertRecords.addReview(c, a.id(), new Review(reviewer, Review.Outcome.DISMISSED, Optional.of(reason), at));
        AlertRecords.setState(c, a.id(), AlertState.DISMISSED, at);
        FalseAlertRates.count(c, a.watchlistId(), a.cameraId(), Review.Outcome.DISMISSED, reason);
        Outbox.add(c, a.id(), AlertTopics.REVIEWED, AlertState.DISMISSED, false, at);
    }

    /**
     * A review on a cluster member: every node may be reviewing the same alert, so no node decides
     * alone. The rules are checked here first (a plain mistake is refused at once), the review is
     * recorded in the audit trail, then appended to the alert's log through the outbox; the log's
     * order per alert decides it, on every node alike ({@link AlertMaterialiser}). The answer waits
     * until this node applied it: the alert as it stands then, or the refusal (the same person's
     * second confirmation from another node, a dismissal that came first). Kafka out of reach:
     * the review stays queued and the answer says so.
     */
    private StoredAlert clusterReview(OpenStore p, AuditTrail trail, AlertId aid, String reviewer, Review.Outcome outcome,
                                      Optional<DismissReason> reason, boolean twoPerson) throws AlertStoreException {
        String request = java.util.UUID.randomUUID().toString();
        Instant now = clock.instant();
        p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            AlertState next;
            if (outcome == Review.Outcome.CONFIRMED) {
                next = ReviewWorkflow.afterConfirmation(a, AlertRecords.reviews(c, aid), reviewer, twoPerson);
            } else {
                ReviewWorkflow.checkDismissal(a, AlertRecords.reviews(c, aid));
                next = AlertState.DISMISSED;
            }
            ReviewRequests.add(c, request, aid, now);
            p.cluster().queueReview(c, new AlertLogRecords.ReviewEntry(p.cluster().nodeId(), request, aid, reviewer, outcome,
                    reason, now, twoPerson), now);
            Map<String, String> d = reviewDetails(a, next);
            d.put("two.person.confirmation", Boolean.toString(twoPerson));
            d.put("cluster.request", request);
            reason.ifPresent(r -> d.put("reason", r.text()));
            record(trail, outcome == Review.Outcome.CONFIRMED ? AuditActions.ALERT_CONFIRMED : AuditActions.ALERT_DISMISSED,
                    reviewer, d);
            return null;
        });
        ReviewRequests.Outcome decided = p.cluster().awaitDecision(request);
        if (decided == null) {
            throw new AlertStoreException("the review of " + aid + " is queued for the cluster (Kafka has not taken it yet):"
                    + " it is decided in the log's order once Kafka is reached; vigil alerts show " + aid + " tells the outcome",
                    null);
        }
        if (!decided.applied()) {
            // the audit trail has the request: it learns that the cluster refused it too
            record(trail, REVIEW_REFUSED, reviewer, Map.of("alert", aid.toString(), "cluster.request", request,
                    "reason", decided.message()));
            throw new ReviewWorkflow.ReviewRefusedException(decided.message());
        }
        return p.database().read(c -> found(c, aid));
    }

    /** A review the cluster's order refused after it was recorded (another node's review came first). */
    static final String REVIEW_REFUSED = "alert.review-refused";

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
