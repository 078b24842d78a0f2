package io.vigil.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A camera's stream figures as the ingest bundle reports them in its status line
 * ({@code ingest/<camera>}): there is no API for them, so the console reads that text. Frames per
 * second are the decoded count's change between two readings (a page view, a refresh) at least a
 * second apart; the first reading has none.
 */
final class StreamFigures {

    /** What one status line says. */
    record Reading(String phase, Optional<String> codec, Optional<String> decoder, long decoded, long analysed, long dropped,
                   long reconnects, Optional<Double> fps) {
    }

    private static final Pattern LINE = Pattern.compile("^(\\w+): .*?(?:, (H264|H265|MJPEG))?(?: via (\\S+))?;"
            + " decoded (\\d+), analysed (\\d+), dropped (\\d+), reconnects (\\d+)");

    private record Sample(long decoded, Instant at, Optional<Double> fps) {
    }

    private final Map<String, Sample> last = new ConcurrentHashMap<>();

    /** Reads {@code detail}; empty when it is not a stream's status line (the format changed, or a failure before one). */
    Optional<Reading> read(String camera, String detail, Instant now) {
        Matcher m = LINE.matcher(detail);
        if (!m.find()) {
            return Optional.empty();
        }
        long decoded = Long.parseLong(m.group(4));
        Sample before = last.get(camera);
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
            last.put(camera, new Sample(decoded, now, fps));
        }
        return Optional.of(new Reading(m.group(1), Optional.ofNullable(m.group(2)), Optional.ofNullable(m.group(3)), decoded,
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), fps));
    }
}
