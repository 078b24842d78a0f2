package io.vigil.watchlist.match;

/**
 * One subject found by a search: its best template and that template's cosine similarity with
 * the query (templates and queries are unit vectors, so the dot product is the cosine).
 */
public record Candidate(long subjectId, long watchlistId, long templateId, float score) {
}
