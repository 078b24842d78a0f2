package io.vigil.ingest.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one camera's stream has done. Decoded and rate-capped frames are videorate's own
 * counters, read when asked (a per-buffer probe would cost a call into Java for every decoded
 * frame); analysed frames are counted on the frame callback, which runs anyway.
 */
final class StreamFigures {

    /**
     * A consistent-enough copy for status and events. {@code dropped}: frames that passed the
     * rate cap but were replaced by a newer one before analysis took them.
     */
    record Snapshot(long decoded, long analysed, long dropped, long reconnects, double lastLatencyMillis) {
    }

    /** videorate's counters of one pipeline: frames in (decoded) and out (passed the cap). */
    record RateCounters(long in, long out) {
        static final RateCounters NONE = new RateCounters(0, 0);

        RateCounters plus(RateCounters other) {
            return new RateCounters(in + other.in, out + other.out);
        }
    }

    final AtomicLong analysed = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    private volatile double lastLatencyMillis;
    /** Counters of the pipelines torn down since the stream started. */
    private RateCounters earlier = RateCounters.NONE;

    void latency(double millis) {
        lastLatencyMillis = millis;
    }

    synchronized void pipelineEnded(RateCounters last) {
        earlier = earlier.plus(last);
    }

    synchronized Snapshot snapshot(RateCounters current) {
        RateCounters total = earlier.plus(current);
        long analysedNow = analysed.get();
        return new Snapshot(total.in(), analysedNow, Math.max(0, total.out() - analysedNow - 1), reconnects.get(),
                lastLatencyMillis);
    }
}
