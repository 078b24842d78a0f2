package io.vigil.console.internal;

import io.vigil.api.media.StreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A camera's stream figures as ingest reports them ({@link StreamStatus}), with frames per
 * second: the decoded count's change between two readings (a page view, a refresh) at least a
 * second apart; the first reading has none.
 */
final class StreamFigures {

    /** A stream's status with its rate. */
    record Reading(StreamStatus status, Optional<Double> fps) {
    }

    private record Sample(long decoded, Instant at, Optional<Double> fps) {
    }

    private final Map<String, Sample> last = new ConcurrentHashMap<>();

    Reading read(StreamStatus status, Instant now) {
        long decoded = status.decoded();
        Sample before = last.get(status.cameraId());
        Optional<Double> fps = Optional.empty();
        if (before != null) {
            long millis = Duration.between(before.at, now).toMillis();
            if (millis < 1000) {
                fps = before.fps; // too soon to tell: the previous figure stands
            } else if (decoded >= before.decoded) {
                fps = Optional.of((decoded - before.decoded) * 1000.0 / millis);
            }
        }
        if (before == null || Duration.between(before.at, now).toMillis() >= 1000) {
            last.put(status.cameraId(), new Sample(decoded, now, fps));
        }
        return new Reading(status, fps);
    }
}
