package io.vigil.watchlist.internal;

/** A decrypted template, on its way into the in-memory index. */
record StoredTemplate(long templateId, long subjectId, long watchlistId, String modelId, String modelVersion,
                      float quality, float[] vector) {
}
