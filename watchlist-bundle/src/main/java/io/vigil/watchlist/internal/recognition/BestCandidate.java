package io.vigil.watchlist.internal.recognition;

import java.util.Objects;

/**
 * The watchlist subject most similar to one embedded face, as the matcher reports it. Only what
 * the alert decision needs, so the decision does not depend on how watchlists are stored.
 *
 * @param subject   the subject's pseudonym
 * @param score     cosine similarity of the face and the subject's template
 * @param threshold the threshold in force for the subject's list
 */
record BestCandidate(String subject, float score, float threshold) {

    BestCandidate {
        Objects.requireNonNull(subject, "subject");
    }

    boolean matches() {
        return score >= threshold;
    }
}
