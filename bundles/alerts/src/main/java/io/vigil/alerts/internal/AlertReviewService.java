package io.vigil.alerts.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertReview;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link AlertReview} for other bundles (the web console): the store's own review workflow, the
 * same rules and audit records as {@code vigil alerts confirm|dismiss}.
 */
@Component(service = AlertReview.class)
public class AlertReviewService implements AlertReview {

    private final AlertService alerts;

    @Activate
    public AlertReviewService(@Reference AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public Alert confirm(String alertId, String reviewer) throws AlertStoreException {
        return alerts.review().confirm(alertId, reviewer).toAlert();
    }

    @Override
    public Alert dismiss(String alertId, String reviewer, String reason) throws AlertStoreException {
        DismissReason parsed;
        try {
            parsed = DismissReason.parse(reason == null ? "" : reason);
        } catch (IllegalArgumentException e) {
            throw new ReviewWorkflow.ReviewRefusedException(e.getMessage());
        }
        return alerts.review().dismiss(alertId, reviewer, parsed).toAlert();
    }

    @Override
    public Optional<RecognitionEvidence> evidence(String alertId, String viewer) throws AlertStoreException {
        return alerts.review().evidence(alertId, viewer);
    }

    @Override
    public List<Decision> decisions(String alertId) throws AlertStoreException {
        return alerts.review().reviews(alertId).stream()
                .map(r -> new Decision(r.reviewer(), r.outcome() == Review.Outcome.CONFIRMED,
                        r.reason().map(DismissReason::toString), r.at()))
                .toList();
    }
}
