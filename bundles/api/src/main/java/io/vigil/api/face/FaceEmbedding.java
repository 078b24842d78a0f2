package io.vigil.api.face;

import java.util.Objects;

/**
 * A face template: a unit-length vector and the model that made it. Vectors of different
 * models are never comparable.
 *
 * @param modelId      the embedding model's id
 * @param modelVersion its version (a content hash, so a changed file is a different model)
 * @param vector       L2-normalised values; callers must not modify it
 */
public record FaceEmbedding(String modelId, String modelVersion, float[] vector) {

    public FaceEmbedding {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(vector, "vector");
    }
}
