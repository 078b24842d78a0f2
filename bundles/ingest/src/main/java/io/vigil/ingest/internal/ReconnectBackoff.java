package io.vigil.ingest.internal;

import java.time.Duration;

/**
 * Delays between reconnection attempts: doubling from {@code initial} up to {@code max}, back
 * to {@code initial} once a connection has streamed long enough to count as healthy. A camera
 * that flaps is not hammered; one that recovers is back within a second.
 */
final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    ReconnectBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; each call lengthens the one after. */
    synchronized Duration nextDelay() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** The stream has been healthy: the next failure starts over from {@code initial}. */
    synchronized void reset() {
        next = initial;
    }
}
