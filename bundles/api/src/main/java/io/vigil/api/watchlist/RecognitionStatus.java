package io.vigil.api.watchlist;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the recognition stage (matching, the track's alert-once rule, storing alerts) has done since
 * it started, as figures; {@code vigil status --json} writes them as fields.
 *
 * @param matching         a face matcher is running (false: no watchlist runs, faces are not matched)
 * @param storing          the alert store is running
 * @param queuedFaces      faces waiting in the stage's queue now
 * @param droppedFaces     faces dropped because the queue was full
 * @param matchedFaces     faces compared with the watchlists
 * @param recognitions     of those, matches above their deployment's threshold
 * @param alertsRaised     alerts stored new
 * @param alertsUpdated    alerts updated with a better face of the same track and subject
 * @param lostRecognitions recognitions that could not be stored
 * @param failedFrames     frames whose faces failed to be matched
 * @param waitLastMillis   how long the newest frame's faces waited in the queue
 * @param waitMaxMillis    the longest wait
 * @param storedLastMillis capture to alert stored for the newest alert; empty before any
 * @param storedMaxMillis  the longest capture to alert stored; empty before any
 */
public record RecognitionStatus(boolean matching, boolean storing, long queuedFaces, long droppedFaces, long matchedFaces,
                                long recognitions, long alertsRaised, long alertsUpdated, long lostRecognitions,
                                long failedFrames, long waitLastMillis, long waitMaxMillis, OptionalLong storedLastMillis,
                                OptionalLong storedMaxMillis) {

    public RecognitionStatus {
        Objects.requireNonNull(storedLastMillis, "storedLastMillis");
        Objects.requireNonNull(storedMaxMillis, "storedMaxMillis");
    }
}
