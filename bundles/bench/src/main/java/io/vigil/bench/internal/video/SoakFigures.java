package io.vigil.bench.internal.video;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a soak measured: frames delivered to analysis and analysed, capture-to-analysed latency,
 * and memory samples over time, with the summaries the bench prints. Recording is thread-safe;
 * reading is for after the run.
 */
final class SoakFigures {

    /** Memory at one moment: resident set and the heap the last collection left. */
    record MemorySample(double minutes, long residentBytes, long heapAfterGcBytes) {
    }

    private long[] latencyMicros = new long[4096];
    private int latencies;
    private long delivered;
    private long analysed;

    synchronized void delivered() {
        delivered++;
    }

    synchronized void analysed(long latencyMicro) {
        analysed++;
        if (latencies == latencyMicros.length) {
            latencyMicros = Arrays.copyOf(latencyMicros, latencies * 2);
        }
        latencyMicros[latencies++] = latencyMicro;
    }

    synchronized long deliveredCount() {
        return delivered;
    }

    synchronized long analysedCount() {
        return analysed;
    }

    /** The {@code p}-th percentile (0..100) of the latencies in milliseconds, nearest rank; NaN when none. */
    synchronized double latencyMillis(double p) {
        if (latencies == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(latencyMicros, latencies);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * latencies);
        return sorted[Math.max(0, Math.min(latencies - 1, rank - 1))] / 1000.0;
    }

    /** Least-squares slope of {@code value} per minute over the samples, in MiB per minute; 0 with fewer than two. */
    static double mibPerMinute(List<MemorySample> samples, java.util.function.ToLongFunction<MemorySample> value) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(MemorySample::minutes).average().orElse(0);
        double meanY = samples.stream().mapToDouble(s -> value.applyAsLong(s) / 1048576.0).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (MemorySample s : samples) {
            double dx = s.minutes() - meanX;
            covariance += dx * (value.applyAsLong(s) / 1048576.0 - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
    }
}
