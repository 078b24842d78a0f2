package io.vigil.api.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recognition as stored: the source of truth for everything announced about it.
 *
 * @param id               the alert's id
 * @param deploymentId     the deployment it was made under
 * @param cameraId         Vigil's camera id
 * @param vmsCameraId      the VMS's id for that camera, where known
 * @param captureTime      when the camera captured the face
 * @param trackId          the face's track on that camera
 * @param watchlistId      the watchlist that matched
 * @param subjectPseudonym the subject's pseudonymous id
 * @param score            the similarity
 * @param threshold        the threshold in force
 * @param state            its review state
 * @param storedAt         when Vigil committed it
 * @param placement        where the face was in its frame, when known
 */
public record Alert(
        String id,
        String deploymentId,
        String cameraId,
        Optional<String> vmsCameraId,
        Instant captureTime,
        long trackId,
        String watchlistId,
        String subjectPseudonym,
        float score,
        float threshold,
        AlertState state,
        Instant storedAt,
        Optional<FacePlacement> placement) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(vmsCameraId, "vmsCameraId");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(watchlistId, "watchlistId");
        Objects.requireNonNull(subjectPseudonym, "subjectPseudonym");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(placement, "placement");
    }
}
