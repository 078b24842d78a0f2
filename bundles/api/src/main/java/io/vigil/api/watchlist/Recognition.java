package io.vigil.api.watchlist;

import io.vigil.api.face.FaceObservation;
import java.util.Objects;

/**
 * An observed face that matched a watchlist subject at or above the list's threshold.
 *
 * @param observation   the face
 * @param deploymentId  the active deployment the match was made under
 * @param watchlistId   the watchlist
 * @param category      why the list exists
 * @param subjectPseudonym the subject's pseudonymous id: the only identifier that leaves Vigil
 * @param score         cosine similarity, -1..1
 * @param threshold     the threshold in force for this list and deployment
 */
public record Recognition(
        FaceObservation observation,
        String deploymentId,
        String watchlistId,
        WatchlistCategory category,
        String subjectPseudonym,
        float score,
        float threshold) {

    public Recognition {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(watchlistId, "watchlistId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subjectPseudonym, "subjectPseudonym");
    }
}
