package io.vigil.onvif.discovery;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many probes one source address gets answered: a token bucket per address ({@code burst}
 * answers at once, then {@code perSecond}). A probe's source address is not verified (UDP), so
 * without it a spoofed flood would make Vigil send ProbeMatches, several times larger than the
 * Probe, at whatever address the flood names. The table is bounded: the address heard from least
 * recently goes first. Thread-safe.
 */
final class ProbeRateLimit {

    private static final int MAX_SOURCES = 4096;

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    private final int burst;
    private final double perSecond;
    private final Clock clock;
    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    ProbeRateLimit(int burst, double perSecond, Clock clock) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a probe rate needs a burst of at least 1 and more than 0 a second");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Whether a probe from {@code source} may be answered now (and takes its token if so). */
    synchronized boolean allow(InetAddress source) {
        long now = clock.millis() * 1_000_000L;
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket();
            bucket.tokens = burst;
            bucket.lastNanos = now;
            buckets.put(source, bucket);
        } else {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastNanos) / 1e9 * perSecond);
            bucket.lastNanos = now;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return true;
        }
        return false;
    }
}
