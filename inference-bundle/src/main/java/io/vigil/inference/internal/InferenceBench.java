package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.media.BgrImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code vigil bench inference}: per-stage milliseconds of the product's DJL path and of plain ONNX
 * Runtime on the same files and threads, measured in one run with the two interleaved call by call
 * (this machine is shared: interleaving spreads its noise over both); end-to-end faces per second
 * on real photos; the cost of tiling a 1080p frame; peak memory. Medians throughout.
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

    /** What the bench measured, for its caller and its test. */
    record Figures(double[] djlMs, double[] plainMs, double djlFacesPerSecond, double plainFacesPerSecond,
                   double wholeFrameMs, double tiledFrameMs, int tiledRegions, double medianRatio) {
    }

    private static final String[] STAGES = {"detector 320x240", "landmarks 64x64", "embedding 112x112"};

    private final ModelDirectory directory;
    private final RuntimeChoice runtime;
    private final InferenceOptions options;
    private final List<Path> photos;
    private final PrintStream out;

    InferenceBench(ModelDirectory directory, RuntimeChoice runtime, InferenceOptions options, List<Path> photos,
                   PrintStream out) {
        this.directory = directory;
        this.runtime = runtime;
        this.options = options;
        this.photos = List.copyOf(photos);
        this.out = out;
    }

    Figures run(Settings settings) throws ImageFiles.ImageException {
        List<BgrImage> images = new ArrayList<>();
        for (Path p : photos) {
            images.add(ImageFiles.read(p));
        }
        try (FaceModels djl = FaceModels.load(directory, runtime, 1);
             FaceModels plain = PlainOrtModel.faceModels(directory, runtime)) {
            RejectionCounts counts = new RejectionCounts();
            FacePipeline djlPipeline = new FacePipeline(djl, options, counts);
            FacePipeline plainPipeline = new FacePipeline(plain, options, counts);

            BgrImage photo = images.get(0);
            List<Detection> faces = new FaceFinder(djl.detector(), options.detectionScore(), options.nmsIou())
                    .find(photo, options.gate().minFaceSize(), true);
            if (faces.isEmpty()) {
                throw new IllegalStateException(photos.get(0) + " shows no face to measure with");
            }
            Detection face = faces.get(0);
            float[] detectorInput = FaceDetector.prepare(photo, DetectionRegion.whole(0, 0,
                    Math.min(320.0 / photo.width(), 240.0 / photo.height())));
            float[] landmarkInput = FaceLandmarker.prepare(photo, face);
            float[][] five = djl.landmarker().locate(photo, face);
            SimilarityTransform transform = SimilarityTransform.fit(SimilarityTransform.ARCFACE_112, five);
            float[] aligned = FaceEmbedder.align(photo, transform);

            out.printf(Locale.ROOT, "Inference bench: %s, intra-op threads %d; %d photos; %d calls per stage after %d warm-up%n",
                    runtime.reason(), runtime.intraOpThreads(), images.size(), settings.iterations(), settings.warmup());
            out.printf(Locale.ROOT, "%-22s %14s %14s %8s%n", "model run", "DJL ms", "plain ORT ms", "ratio");
            ModelRunner[][] runners = {
                    {djl.detectorRunner(), plain.detectorRunner()},
                    {djl.landmarkRunner(), plain.landmarkRunner()},
                    {djl.embedderRunner(), plain.embedderRunner()}};
            float[][] inputs = {detectorInput, landmarkInput, aligned};
            double[] djlMs = new double[3];
            double[] plainMs = new double[3];
            double[] ratios = new double[3];
            for (int s = 0; s < 3; s++) {
                double[][] times = interleaved(runners[s][0], runners[s][1], inputs[s], settings);
                djlMs[s] = median(times[0]);
                plainMs[s] = median(times[1]);
                ratios[s] = djlMs[s] / plainMs[s];
                out.printf(Locale.ROOT, "%-22s %14.3f %14.3f %8.2f%n", STAGES[s], djlMs[s], plainMs[s], ratios[s]);
                out.printf(Locale.ROOT, "SUMMARY|inference|%s median ms|%.3f|plain ONNX Runtime|%.3f|%.2f%n", STAGES[s], djlMs[s],
                        plainMs[s], ratios[s]);
            }

            out.printf(Locale.ROOT, "Java stages (median ms): detector input %.3f, landmark input %.3f,"
                            + " alignment %.3f, sharpness %.3f%n",
                    timeMedian(() -> FaceDetector.prepare(photo, DetectionRegion.whole(0, 0, 320.0 / photo.width())), settings),
                    timeMedian(() -> FaceLandmarker.prepare(photo, face), settings),
                    timeMedian(() -> FaceEmbedder.align(photo, transform), settings),
                    timeMedian(() -> FaceMeasures.sharpness(aligned), settings));

            // end to end on the photos: detect (with tiles) + landmarks + align + gate + embed
            double[] e2e = endToEnd(djlPipeline, plainPipeline, images, settings);
            out.printf(Locale.ROOT, "end to end (detect+landmarks+align+embed), %d faces a round: DJL %.1f faces/s,"
                    + " plain ORT %.1f faces/s (plain/DJL %.2f)%n", (int) e2e[2], e2e[0], e2e[1], e2e[1] / e2e[0]);
            out.printf(Locale.ROOT, "SUMMARY|inference|end-to-end faces/s|%.1f|plain ONNX Runtime|%.1f|%.2f%n", e2e[0], e2e[1],
                    e2e[0] / e2e[1]);

            BgrImage frame = frame1080(images);
            FaceFinder finder = new FaceFinder(djl.detector(), options.detectionScore(), options.nmsIou());
            int minFace = options.gate().minFaceSize();
            int wholeOnlyMinFace = (int) Math.ceil(DetectionPlan.SMALLEST_INPUT_FACE / (320.0 / 1920));
            double wholeMs = timeMedian(() -> finder.find(frame, wholeOnlyMinFace, false), settings);
            double tiledMs = timeMedian(() -> finder.find(frame, minFace, false), settings);
            int regions = DetectionPlan.regions(1920, 1080, minFace, false).size();
            out.printf(Locale.ROOT, "1080p frame detection: whole frame only %.2f ms (1 region, faces from %d px);"
                            + " with tiles for %d px faces %.2f ms (%d regions): tiling costs %.2f ms a frame%n",
                    wholeMs, wholeOnlyMinFace, minFace, tiledMs, regions, tiledMs - wholeMs);

            double medianRatio = median(ratios.clone());
            out.printf(Locale.ROOT, "memory: peak RSS %s, heap used %d MiB%n", peakRss(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            out.printf(Locale.ROOT, "median DJL/plain ratio over the three models: %.2f (target: at most 1.10)%n", medianRatio);
            return new Figures(djlMs, plainMs, e2e[0], e2e[1], wholeMs, tiledMs, regions, medianRatio);
        }
    }

    private static double[][] interleaved(ModelRunner a, ModelRunner b, float[] input, Settings settings) {
        for (int i = 0; i < settings.warmup(); i++) {
            a.run(input);
            b.run(input);
        }
        double[] ta = new double[settings.iterations()];
        double[] tb = new double[settings.iterations()];
        for (int i = 0; i < settings.iterations(); i++) {
            // alternate which goes first so neither always runs on a warmer cache
            boolean aFirst = (i & 1) == 0;
            if (aFirst) {
                ta[i] = timeMs(() -> a.run(input));
                tb[i] = timeMs(() -> b.run(input));
            } else {
                tb[i] = timeMs(() -> b.run(input));
                ta[i] = timeMs(() -> a.run(input));
            }
        }
        return new double[][] {ta, tb};
    }

    private static double[] endToEnd(FacePipeline a, FacePipeline b, List<BgrImage> images, Settings settings) {
        for (BgrImage image : images) {
            a.analyse(image, Source.PHOTO);
            b.analyse(image, Source.PHOTO);
        }
        long nanosA = 0;
        long nanosB = 0;
        int facesA = 0;
        int facesB = 0;
        for (int round = 0; round < settings.endToEndRounds(); round++) {
            for (BgrImage image : images) {
                long t0 = System.nanoTime();
                List<AnalysedFace> fa = a.analyse(image, Source.PHOTO);
                long t1 = System.nanoTime();
                List<AnalysedFace> fb = b.analyse(image, Source.PHOTO);
                long t2 = System.nanoTime();
                nanosA += t1 - t0;
                nanosB += t2 - t1;
                facesA += fa.size();
                facesB += fb.size();
            }
        }
        return new double[] {facesA / (nanosA / 1e9), facesB / (nanosB / 1e9), (double) facesA / settings.endToEndRounds()};
    }

    /** A 1920x1080 frame: the first photo at least that large, its top 1080 rows. */
    private static BgrImage frame1080(List<BgrImage> images) {
        for (BgrImage image : images) {
            if (image.width() == 1920 && image.height() >= 1080) {
                return new BgrImage(1920, 1080, image.stride(), image.pixels());
            }
        }
        throw new IllegalStateException("no photo of at least 1920x1080 to make a 1080p frame from");
    }

    private static double timeMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double timeMedian(Supplier<?> work, Settings settings) {
        for (int i = 0; i < settings.warmup(); i++) {
            work.get();
        }
        double[] t = new double[Math.max(5, settings.iterations() / 5)];
        for (int i = 0; i < t.length; i++) {
            t[i] = timeMs(work::get);
        }
        return median(t);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return (kb >> 10) + " MiB";
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        return "unknown (heap max " + (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20) + " MiB)";
    }
}
