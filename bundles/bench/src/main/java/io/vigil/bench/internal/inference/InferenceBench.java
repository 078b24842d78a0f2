package io.vigil.bench.internal.inference;

import io.vigil.api.bench.InferenceWorkloads;
import io.vigil.api.bench.InferenceWorkloads.Engine;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code vigil bench inference}: per-stage milliseconds of the product's DJL path and of plain ONNX
 * Runtime on the same files and threads, measured in one run with the two interleaved call by call
 * (this machine is shared: interleaving spreads its noise over both); end-to-end faces per second
 * on real photos; the cost of tiling a 1080p frame; peak memory. Medians throughout. The inference
 * bundle prepares the work ({@link InferenceWorkloads}); this times it.
 */
final class InferenceBench {

    record Settings(int iterations, int warmup, int endToEndRounds) {
        static Settings full() {
            return new Settings(300, 60, 5);
        }

        static Settings quick() {
            return new Settings(30, 10, 1);
        }
    }

    /** One Java stage's median milliseconds. */
    record Stage(String name, double ms) {
    }

    /** What the bench measured, for its caller, its --json and its test. */
    record Figures(String runtime, int intraOpThreads, int photos, Settings settings, List<String> models, double[] djlMs,
                   double[] plainMs, List<Stage> javaStages, int facesPerRound, double djlFacesPerSecond,
                   double plainFacesPerSecond, double wholeFrameMs, int wholeFrameMinFace, double tiledFrameMs,
                   int tiledMinFace, int tiledRegions, OptionalLong peakRssMiB, long heapUsedMiB, double medianRatio) {
    }

    private final InferenceWorkloads workloads;
    private final List<Path> photos;
    private final PrintStream out;

    /** @param out where the figures are printed as they come; null prints nothing (--json prints the figures at the end) */
    InferenceBench(InferenceWorkloads workloads, List<Path> photos, PrintStream out) {
        this.workloads = workloads;
        this.photos = List.copyOf(photos);
        this.out = out == null ? new PrintStream(PrintStream.nullOutputStream()) : out;
    }

    Figures run(Settings settings) {
        try (InferenceWorkloads.Prepared work = workloads.prepare(photos)) {
            out.printf(Locale.ROOT, "Inference bench: %s, intra-op threads %d; %d photos; %d calls per stage after %d warm-up%n",
                    workloads.runtime(), workloads.intraOpThreads(), work.photos(), settings.iterations(), settings.warmup());
            out.printf(Locale.ROOT, "%-22s %14s %14s %8s%n", "model run", "DJL ms", "plain ORT ms", "ratio");
            List<String> models = work.models();
            double[] djlMs = new double[models.size()];
            double[] plainMs = new double[models.size()];
            double[] ratios = new double[models.size()];
            for (int s = 0; s < models.size(); s++) {
                int stage = s;
                double[][] times = interleaved(() -> work.runModel(stage, Engine.DJL),
                        () -> work.runModel(stage, Engine.PLAIN_ONNX_RUNTIME), settings);
                djlMs[s] = median(times[0]);
                plainMs[s] = median(times[1]);
                ratios[s] = djlMs[s] / plainMs[s];
                out.printf(Locale.ROOT, "%-22s %14.3f %14.3f %8.2f%n", models.get(s), djlMs[s], plainMs[s], ratios[s]);
                out.printf(Locale.ROOT, "SUMMARY|inference|%s median ms|%.3f|plain ONNX Runtime|%.3f|%.2f%n", models.get(s),
                        djlMs[s], plainMs[s], ratios[s]);
            }

            List<Stage> javaStages = new ArrayList<>();
            for (int s = 0; s < work.javaStages().size(); s++) {
                int stage = s;
                javaStages.add(new Stage(work.javaStages().get(s), timeMedian(() -> work.runJavaStage(stage), settings)));
            }
            out.println("Java stages (median ms): " + String.join(", ", javaStages.stream()
                    .map(j -> String.format(Locale.ROOT, "%s %.3f", j.name(), j.ms())).toList()));

            // end to end on the photos: detect (with tiles) + landmarks + align + gate + embed
            double[] e2e = endToEnd(work, settings);
            out.printf(Locale.ROOT, "end to end (detect+landmarks+align+embed), %d faces a round: DJL %.1f faces/s,"
                    + " plain ORT %.1f faces/s (plain/DJL %.2f)%n", (int) e2e[2], e2e[0], e2e[1], e2e[1] / e2e[0]);
            out.printf(Locale.ROOT, "SUMMARY|inference|end-to-end faces/s|%.1f|plain ONNX Runtime|%.1f|%.2f%n", e2e[0], e2e[1],
                    e2e[0] / e2e[1]);

            double wholeMs = timeMedian(() -> work.detectFrame(false), settings);
            double tiledMs = timeMedian(() -> work.detectFrame(true), settings);
            out.printf(Locale.ROOT, "1080p frame detection: whole frame only %.2f ms (1 region, faces from %d px);"
                            + " with tiles for %d px faces %.2f ms (%d regions): tiling costs %.2f ms a frame%n",
                    wholeMs, work.wholeFrameMinFace(), work.tiledMinFace(), tiledMs, work.tiledRegions(), tiledMs - wholeMs);

            double medianRatio = median(ratios.clone());
            OptionalLong peakRss = peakRssMiB();
            long heapUsed = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            out.printf(Locale.ROOT, "memory: peak RSS %s, heap used %d MiB%n", peakRss.isPresent() ? peakRss.getAsLong() + " MiB"
                    : "unknown (heap max " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20) + " MiB)",
                    heapUsed);
            out.printf(Locale.ROOT, "median DJL/plain ratio over the three models: %.2f (target: at most 1.10)%n", medianRatio);
            return new Figures(workloads.runtime(), workloads.intraOpThreads(), work.photos(), settings, models, djlMs, plainMs,
                    javaStages, (int) e2e[2], e2e[0], e2e[1], wholeMs, work.wholeFrameMinFace(), tiledMs, work.tiledMinFace(),
                    work.tiledRegions(), peakRss, heapUsed, medianRatio);
        }
    }

    private static double[][] interleaved(Runnable a, Runnable b, Settings settings) {
        for (int i = 0; i < settings.warmup(); i++) {
            a.run();
            b.run();
        }
        double[] ta = new double[settings.iterations()];
        double[] tb = new double[settings.iterations()];
        for (int i = 0; i < settings.iterations(); i++) {
            // alternate which goes first so neither always runs on a warmer cache
            boolean aFirst = (i & 1) == 0;
            if (aFirst) {
                ta[i] = timeMs(a);
                tb[i] = timeMs(b);
            } else {
                tb[i] = timeMs(b);
                ta[i] = timeMs(a);
            }
        }
        return new double[][] {ta, tb};
    }

    private static double[] endToEnd(InferenceWorkloads.Prepared work, Settings settings) {
        for (int p = 0; p < work.photos(); p++) {
            work.analysePhoto(p, Engine.DJL);
            work.analysePhoto(p, Engine.PLAIN_ONNX_RUNTIME);
        }
        long nanosA = 0;
        long nanosB = 0;
        int facesA = 0;
        int facesB = 0;
        for (int round = 0; round < settings.endToEndRounds(); round++) {
            for (int p = 0; p < work.photos(); p++) {
                long t0 = System.nanoTime();
                int fa = work.analysePhoto(p, Engine.DJL);
                long t1 = System.nanoTime();
                int fb = work.analysePhoto(p, Engine.PLAIN_ONNX_RUNTIME);
                long t2 = System.nanoTime();
                nanosA += t1 - t0;
                nanosB += t2 - t1;
                facesA += fa;
                facesB += fb;
            }
        }
        return new double[] {facesA / (nanosA / 1e9), facesB / (nanosB / 1e9), (double) facesA / settings.endToEndRounds()};
    }

    private static double timeMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double timeMedian(Runnable work, Settings settings) {
        for (int i = 0; i < settings.warmup(); i++) {
            work.run();
        }
        double[] t = new double[Math.max(5, settings.iterations() / 5)];
        for (int i = 0; i < t.length; i++) {
            t[i] = timeMs(work);
        }
        return median(t);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The process's peak resident memory (Linux's VmHWM); empty elsewhere. */
    private static OptionalLong peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) >> 10);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        return OptionalLong.empty();
    }
}
