package io.vigil.api.face;

import java.util.Objects;
import java.util.Optional;

/**
 * A face found in an image, with its template unless the quality gate refused it.
 *
 * @param box       where it is, in image pixels
 * @param landmarks its five alignment points
 * @param quality   how usable it is
 * @param rejection why it was not embedded, if it was not
 * @param embedding its template, present exactly when {@code rejection} is empty
 */
public record AnalysedFace(BoundingBox box, FaceLandmarks landmarks, FaceQuality quality,
                           Optional<QualityRejection> rejection, Optional<FaceEmbedding> embedding) {
    public AnalysedFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(embedding, "embedding");
        if (rejection.isPresent() == embedding.isPresent()) {
            throw new IllegalArgumentException("a face is either rejected or embedded");
        }
    }
}
