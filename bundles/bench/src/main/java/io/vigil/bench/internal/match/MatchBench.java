package io.vigil.bench.internal.match;

import io.vigil.watchlist.match.Candidate;
import io.vigil.watchlist.match.RandomTemplates;
import io.vigil.watchlist.match.TemplateIndex;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code vigil bench match}: per gallery size, query latency (p50/p99), top-1 correctness, memory
 * per template, and the scan's bytes/s beside a plain sequential read of as much memory measured
 * in the same run, so the figure says how close the scan is to what the machine can read.
 *
 * <p>Galleries are seeded random unit vectors (the same every run); a fifth of the subjects have
 * three templates, noisy variants of one face. Queries are noisy copies of gallery templates
 * (cosine about 0.71 with the original, about where real same-person pairs lie), so the right
 * answer is known and checked. Sizes the heap cannot hold are skipped with the reason printed,
 * rather than risking an OutOfMemoryError inside the container.
 */
final class MatchBench {

    static final int DIMENSION = 512;
    static final List<Integer> SIZES = List.of(1_000, 10_000, 100_000, 1_000_000);
    static final List<Integer> QUICK_SIZES = List.of(1_000, 10_000, 100_000);

    private static final double QUERY_NOISE = 1.0;    // cosine 1/sqrt(1 + 1) with the original
    private static final double SIBLING_NOISE = 0.5;  // a subject's templates among themselves
    private static final long READ_CAP = 256L << 20;  // well past any cache, small beside the heap
    private static final int READ_CHUNK = 1024;       // longs: 8 KiB, like a block's 4 KiB rows

    /** One size's figures; NaN where skipped. */
    record Row(int size, String skipped, int subjects, double buildSeconds, long bytesPerTemplate,
            double heapPerTemplate, double p50Ms, double p99Ms, double oneCoreP50Ms, double splitP50Ms,
            int parts, double scanBytesPerSecond, double readBytesPerSecond, double top1Rate) {

        double ratio() {
            return scanBytesPerSecond / readBytesPerSecond;
        }
    }

    private final PrintStream out;
    private final Executor executor;
    private final int parallelism;
    private final int queries;

    MatchBench(PrintStream out, Executor executor, int parallelism, int queries) {
        this.out = out;
        this.executor = executor;
        this.parallelism = parallelism;
        this.queries = queries;
    }

    List<Row> run(List<Integer> sizes) {
        Runtime runtime = Runtime.getRuntime();
        out.printf("vigil bench match: exact float32 search, %d-d unit vectors; %d cores, searches split in %d"
                + " parts from %,d templates; heap max %s%n", DIMENSION, runtime.availableProcessors(),
                parallelism, TemplateIndex.DEFAULT_PARALLEL_FROM, gib(runtime.maxMemory()));
        out.printf("  queries: noisy copies of gallery templates (cosine ~0.71); 1 in 5 subjects has 3 templates%n");
        out.printf("  %10s %9s %7s %9s %9s %8s %8s %9s %9s %10s %10s %6s %7s%n", "templates", "subjects",
                "build s", "B/templ", "heap B/t", "p50 ms", "p99 ms", "1-part ms", "split ms",
                "scan GB/s", "read GB/s", "ratio", "top-1");
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            Row row = measure(size);
            rows.add(row);
            if (row.skipped() != null) {
                out.printf("  %,10d skipped: %s%n", size, row.skipped());
            } else {
                out.printf("  %,10d %,9d %7.1f %,9d %,9.0f %8.3f %8.3f %9.3f %9.3f %10.1f %10.1f %5.0f%% %6.1f%%%n",
                        size, row.subjects(), row.buildSeconds(), row.bytesPerTemplate(), row.heapPerTemplate(),
                        row.p50Ms(), row.p99Ms(), row.oneCoreP50Ms(), row.splitP50Ms(),
                        row.scanBytesPerSecond() / 1e9, row.readBytesPerSecond() / 1e9, 100 * row.ratio(),
                        100 * row.top1Rate());
            }
        }
        summarise(rows);
        return rows;
    }

    private void summarise(List<Row> rows) {
        out.println("  B/templ: index bytes per live template; heap B/t: heap growth while building / templates");
        out.println("  p50/p99: as the index searches by default; 1-part and split: p50 on one thread and split"
                + " across cores; read: plain sequential read of as many bytes (up to 256 MiB) on as many threads");
        String splitFrom = rows.stream()
                .filter(r -> r.skipped() == null && r.parts() > 1 && r.splitP50Ms() < 0.9 * r.oneCoreP50Ms())
                .map(r -> String.format("%,d", r.size())).findFirst().orElse("none of these sizes");
        out.printf("  splitting across cores is >10%% faster from: %s%n", splitFrom);
        for (Row r : rows) {
            if (r.skipped() == null) {
                out.printf(java.util.Locale.ROOT, "SUMMARY|match|scan GB/s, %,d templates|%.1f|memory read|%.1f|%.2f%n", r.size(),
                        r.scanBytesPerSecond() / 1e9, r.readBytesPerSecond() / 1e9, r.ratio());
                out.printf(java.util.Locale.ROOT, "SUMMARY|match|p50 ms per query, %,d templates|%.3f|one core|%.3f|%.2f%n",
                        r.size(), r.p50Ms(), r.oneCoreP50Ms(), r.p50Ms() / r.oneCoreP50Ms());
                out.printf("  %,d: scan at %.0f%% of the memory read rate (target >= 70%%)%s%n", r.size(),
                        100 * r.ratio(), r.size() == 100_000
                                ? String.format("; p50 %.2f ms (target < 5 ms): %s", r.p50Ms(),
                                        r.p50Ms() < 5 ? "met" : "missed")
                                : "");
            }
        }
    }

    private Row measure(int size) {
        Runtime runtime = Runtime.getRuntime();
        long bytesPerTemplate = 4L * DIMENSION + 20;
        long readBytes = Math.min(READ_CAP, (long) size * DIMENSION * 4);
        // blocks come in 1,024-template steps; 10% for the collector's working room
        long needed = (long) (((size + TemplateIndex.BLOCK) * bytesPerTemplate + readBytes) * 1.1);
        System.gc();
        long usedBefore = runtime.totalMemory() - runtime.freeMemory();
        long available = runtime.maxMemory() - usedBefore;
        if (needed > available) {
            return skipped(size, String.format("needs ~%s of heap, %s free of %s max; give the JVM more with"
                    + " VIGIL_JAVA_OPTS=-Xmx... (this container JVM has no -Xmx, so it takes 1/4 of RAM)",
                    gib(needed), gib(available), gib(runtime.maxMemory())));
        }

        SplittableRandom random = new SplittableRandom(size);
        int queryCount = size >= 1_000_000 ? Math.max(10, queries / 5) : queries;
        // which templates the queries copy: chosen up front, kept as they are made
        int[] queryTemplates = random.ints(queryCount, 0, size).sorted().toArray();
        float[][] queryOriginals = new float[queryCount][];
        long[] querySubjects = new long[queryCount];

        TemplateIndex index = new TemplateIndex("bench", DIMENSION, executor, parallelism,
                TemplateIndex.DEFAULT_PARALLEL_FROM);
        long started = System.nanoTime();
        int template = 0;
        int subject = 0;
        int nextQuery = 0;
        while (template < size) {
            subject++;
            float[] face = RandomTemplates.unit(random, DIMENSION);
            int templates = subject % 5 == 0 ? 3 : 1;
            for (int i = 0; i < templates && template < size; i++, template++) {
                float[] v = templates == 1 ? face : RandomTemplates.noisy(random, face, SIBLING_NOISE);
                index.add(template, subject, subject % 4, v);
                while (nextQuery < queryCount && queryTemplates[nextQuery] == template) {
                    queryOriginals[nextQuery] = v;
                    querySubjects[nextQuery++] = subject;
                }
            }
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        System.gc();
        double heapPerTemplate = (double) (runtime.totalMemory() - runtime.freeMemory() - usedBefore) / size;

        float[][] queryVectors = new float[queryCount][];
        for (int q = 0; q < queryCount; q++) {
            queryVectors[q] = RandomTemplates.noisy(random, queryOriginals[q], QUERY_NOISE);
        }
        int parts = Math.min(parallelism, (size + TemplateIndex.BLOCK - 1) / TemplateIndex.BLOCK);

        // warm-up: C2 compiles the scan; a few rounds of each path
        int warmups = size >= 1_000_000 ? 3 : size >= 100_000 ? 10 : 200;
        for (int w = 0; w < warmups; w++) {
            float[] q = queryVectors[w % queryCount];
            index.search(q, 5, null, 1);
            index.search(q, 5, null, parts);
            index.search(q, 5);
        }
        long[] latencies = new long[queryCount];
        int correct = 0;
        for (int q = 0; q < queryCount; q++) {
            long t = System.nanoTime();
            List<Candidate> found = index.search(queryVectors[q], 5);
            latencies[q] = System.nanoTime() - t;
            if (!found.isEmpty() && found.get(0).subjectId() == querySubjects[q]) {
                correct++;
            }
        }
        int compareRounds = Math.max(5, queryCount / 2);
        long[] oneCore = new long[compareRounds];
        long[] split = new long[compareRounds];
        for (int q = 0; q < compareRounds; q++) { // interleaved, so drift hits both alike
            long t = System.nanoTime();
            index.search(queryVectors[q % queryCount], 5, null, 1);
            oneCore[q] = System.nanoTime() - t;
            t = System.nanoTime();
            index.search(queryVectors[q % queryCount], 5, null, parts);
            split[q] = System.nanoTime() - t;
        }
        double p50 = percentile(latencies, 50);
        int defaultParts = size >= TemplateIndex.DEFAULT_PARALLEL_FROM ? parts : 1;
        double read = readRate(readBytes, defaultParts);
        Row row = new Row(size, null, subject, buildSeconds, bytesPerTemplate, heapPerTemplate,
                p50 / 1e6, percentile(latencies, 99) / 1e6, percentile(oneCore, 50) / 1e6,
                percentile(split, 50) / 1e6, parts, (double) size * DIMENSION * 4 / (p50 / 1e9), read,
                (double) correct / queryCount);
        index.clear();
        return row;
    }

    /**
     * Bytes/s of reading {@code bytes} of long[] chunks on {@code threads} threads, best of the runs
     * after warm-up: the rate the machine reads memory at, for comparison with the scan's. The
     * read adds each chunk element-wise into one accumulator array, a loop C2 vectorises like the
     * scan's; a scalar sum would be bound by the adds, not the memory, for cache-sized buffers.
     */
    private double readRate(long bytes, int threads) {
        int chunks = (int) Math.max(1, bytes / (8 * READ_CHUNK));
        long[][] data = new long[chunks][READ_CHUNK];
        for (long[] chunk : data) {
            Arrays.fill(chunk, 1L); // touch every page before timing
        }
        long best = Long.MAX_VALUE;
        long sink = 0;
        // enough rounds for C2 to compile the loop on small buffers; the best of the later ones
        int reps = (int) Math.max(7, Math.min(1000, (2L << 30) / Math.max(1, bytes)));
        for (int rep = 0; rep < reps; rep++) {
            long t = System.nanoTime();
            List<CompletableFuture<Long>> others = new ArrayList<>();
            for (int p = 1; p < threads; p++) {
                int from = chunks * p / threads;
                int to = chunks * (p + 1) / threads;
                others.add(CompletableFuture.supplyAsync(() -> read(data, from, to), executor));
            }
            sink += read(data, 0, chunks / threads);
            for (CompletableFuture<Long> other : others) {
                sink += other.join();
            }
            long elapsed = System.nanoTime() - t;
            if (rep >= reps / 3) {
                best = Math.min(best, elapsed);
            }
        }
        if (sink != (long) reps * chunks * READ_CHUNK) { // also keeps the JIT from dropping the loop
            throw new IllegalStateException("memory read summed " + sink);
        }
        return (double) chunks * READ_CHUNK * 8 / (best / 1e9);
    }

    private static long read(long[][] data, int from, int to) {
        long[] acc = new long[READ_CHUNK];
        for (int c = from; c < to; c++) {
            long[] chunk = data[c];
            for (int i = 0; i < READ_CHUNK; i++) {
                acc[i] += chunk[i];
            }
        }
        long sum = 0;
        for (long a : acc) {
            sum += a;
        }
        return sum;
    }

    private static double percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int at = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }

    private static Row skipped(int size, String reason) {
        return new Row(size, reason, 0, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    private static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
