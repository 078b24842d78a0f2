package io.vigil.alerts.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.FacePlacement;
import io.vigil.api.alert.AlertState;
import io.vigil.api.face.BoundingBox;
import java.time.Instant;
import java.util.Optional;

/**
 * An alert as the store holds it: the API's {@link Alert} plus what review, export and retention
 * need (face quality and box, model, how many faces of the track were seen, legal hold), and in a
 * cluster the node that stored it ({@code originNode}; empty: this node).
 */
record StoredAlert(
        AlertId id,
        String deploymentId,
        String cameraId,
        Optional<String> vmsCameraId,
        Instant captureTime,
        long trackId,
        String watchlistId,
        String category,
        String subjectPseudonym,
        float score,
        float threshold,
        float quality,
        BoundingBox box,
        String modelId,
        String modelVersion,
        AlertState state,
        Instant storedAt,
        Instant updatedAt,
        Instant lastSeen,
        int faces,
        boolean legalHold,
        Optional<String> holdBy,
        Optional<Instant> holdSince,
        int frameWidth,
        int frameHeight,
        Optional<String> originNode) {

    Alert toAlert() {
        // alerts stored before frame sizes were kept have none: no placement rather than a wrong one
        Optional<FacePlacement> placement = frameWidth > 0 && frameHeight > 0
                ? Optional.of(new FacePlacement(box, frameWidth, frameHeight)) : Optional.empty();
        return new Alert(id.toString(), deploymentId, cameraId, vmsCameraId, captureTime, trackId, watchlistId,
                subjectPseudonym, score, threshold, state, storedAt, placement);
    }
}
