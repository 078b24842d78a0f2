package io.vigil.onvif.internal.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a WS-Discovery Bye naming a configured camera makes Vigil check the camera again (over
 * ONVIF, with its credentials, at its configured address): at most once per interval, so that a
 * flood of spoofed Byes costs the camera one login a minute, not one per datagram. Thread-safe.
 */
final class ByeRecheck {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Duration interval;
    private Instant last;

    ByeRecheck(Duration interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Whether a check may run now; if so, it counts as run. */
    synchronized boolean due(Instant now) {
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        last = now;
        return true;
    }
}
