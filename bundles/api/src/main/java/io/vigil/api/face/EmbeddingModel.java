package io.vigil.api.face;

import java.util.Objects;

/**
 * Identifies the model that made a template; templates of different models are never compared.
 *
 * @param id                  the model's name
 * @param version             its package version and the first hex digits of its file's SHA-256
 * @param calibratedThreshold the cosine similarity at and above which two templates are taken to be
 *                            the same person unless a watchlist sets its own (calibrated on
 *                            annotated photos; see the inference bundle's ground-truth test)
 */
public record EmbeddingModel(String id, String version, float calibratedThreshold) {
    public EmbeddingModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
