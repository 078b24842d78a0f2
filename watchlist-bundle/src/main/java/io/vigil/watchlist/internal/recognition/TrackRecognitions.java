package io.vigil.watchlist.internal.recognition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one camera's matched faces into alerts: one alert per track and subject, raised by the
 * track's first face at or above the threshold, at once, because the operator needs it while the
 * person is still in view rather than when the track ends; a later face of the same track that
 * matches that subject better updates the alert (a better picture, a surer score).
 *
 * <p>Per camera, used by the recognition worker only: not thread-safe.
 */
final class TrackRecognitions {

    /** What to do with an alert after one face. */
    enum Decision {
        /** First match of this subject on this track: raise an alert now. */
        RAISE,
        /** This subject's alert on this track has a better face now. */
        UPDATE,
        /** Below the threshold, or no better than the face the alert already shows. */
        NOTHING
    }

    /** Per live track, per subject alerted, the best score shown so far. */
    private final Map<Long, Map<String, Float>> alerted = new HashMap<>();

    /**
     * @param trackId the track of the embedded face
     * @param best    the watchlist subject most similar to it
     */
    Decision decide(long trackId, BestCandidate best) {
        if (!best.matches()) {
            return Decision.NOTHING;
        }
        Map<String, Float> subjects = alerted.computeIfAbsent(trackId, id -> new HashMap<>());
        Float shown = subjects.get(best.subject());
        if (shown == null) {
            subjects.put(best.subject(), best.score());
            return Decision.RAISE;
        }
        if (best.score() > shown) {
            subjects.put(best.subject(), best.score());
            return Decision.UPDATE;
        }
        return Decision.NOTHING;
    }

    /** Drops what is kept for tracks that ended; their ids never come back. */
    void forget(Collection<Long> endedTracks) {
        for (Long id : endedTracks) {
            alerted.remove(id);
        }
    }

    /** Tracks with an alert still remembered. */
    int tracksWithAlerts() {
        return alerted.size();
    }
}
