package io.vigil.ingest.internal;

import java.util.concurrent.atomic.AtomicLong;

/** What one camera's stream has done, counted without locks on the streaming threads. */
final class StreamFigures {

    /** A consistent-enough copy for status and events. */
    record Snapshot(long decoded, long analysed, long dropped, long reconnects, double lastLatencyMillis) {
    }

    final AtomicLong decoded = new AtomicLong();
    final AtomicLong passedRateCap = new AtomicLong();
    final AtomicLong analysed = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private volatile double lastLatencyMillis;

    void latency(double millis) {
        lastLatencyMillis = millis;
    }

    /** Frames that passed the rate cap but were replaced by a newer one before analysis got to them. */
    Snapshot snapshot() {
        long analysedNow = analysed.get();
        long passed = passedRateCap.get();
        return new Snapshot(decoded.get(), analysedNow, Math.max(0, passed - analysedNow - 1), reconnects.get(),
                lastLatencyMillis);
    }
}
