package io.vigil.ingest.internal;

import io.vigil.api.face.AnalysedFrame;
import io.vigil.api.face.AnalysedFrameListener;
import io.vigil.api.media.FrameListener;
import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A soak of the whole video path in this container: {@code cameras} streams of a face clip
 * served by the product RTSP server as recorded (no encoding while it runs), pulled by ingest
 * streams configured as an administrator would (capped at the analysis rate), analysed by the
 * face analysis; measured from the outside through the same contracts other bundles use: a
 * {@link FrameListener} counts frames delivered to analysis, an {@link AnalysedFrameListener}
 * counts analysed frames and their latency from capture. Memory is sampled every 30 s: the
 * process's resident set (heap, native buffers, GStreamer, ONNX Runtime) and the heap. The soak's
 * cameras, streams and mounts are removed afterwards, also when it fails.
 */
final class SoakRun {

    record Options(int cameras, int width, int height, int fps, double analysisFps, Duration warmup, Duration measure,
            List<Path> photos) {
    }

    private static final String CAMERA_PREFIX = "soak-";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);

    private final BundleContext context;
    private final RtspServer rtsp;
    private final ConfigurationAdmin configurations;
    private final Path clips;
    private final PrintStream out;

    SoakRun(BundleContext context, RtspServer rtsp, ConfigurationAdmin configurations, Path clips, PrintStream out) {
        this.context = context;
        this.rtsp = rtsp;
        this.configurations = configurations;
        this.clips = clips;
        this.out = out;
    }

    void run(Options options) throws IOException, MediaException, InterruptedException {
        out.println("encoding the soak clip from " + options.photos().size() + " photo(s) (once) ...");
        Path clip = FaceClip.of(options.photos(), options.width(), options.height(), options.fps(), clips);
        List<RtspMount> mounts = new ArrayList<>();
        List<Configuration> streams = new ArrayList<>();
        SoakFigures warm = new SoakFigures();
        SoakFigures[] current = {warm};
        ServiceRegistration<FrameListener> deliveredCounter = context.registerService(FrameListener.class,
                frame -> {
                    if (frame.cameraId().startsWith(CAMERA_PREFIX)) {
                        current[0].delivered();
                    }
                }, null);
        ServiceRegistration<AnalysedFrameListener> analysedCounter = context.registerService(AnalysedFrameListener.class,
                frame -> analysed(frame, current[0]), null);
        try {
            for (int i = 1; i <= options.cameras(); i++) {
                RtspMount mount = rtsp.mount("/soak/cam" + i, new StreamSource.Recording(clip), Optional.empty());
                mounts.add(mount);
                Configuration stream = configurations.getFactoryConfiguration(ConfiguredStream.PID, "soak" + i, "?");
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put("camera.id", CAMERA_PREFIX + i);
                properties.put("uri", mount.uri().toString());
                properties.put("max.fps", options.analysisFps());
                stream.update(properties);
                streams.add(stream);
            }
            out.printf(Locale.ROOT, "soak: %d cameras %dx%d at %d fps, analysis capped at %.0f fps; warming up %d s, then measuring"
                    + " %d s%n", options.cameras(), options.width(), options.height(), options.fps(), options.analysisFps(),
                    options.warmup().toSeconds(), options.measure().toSeconds());
            Thread.sleep(options.warmup().toMillis());
            SoakFigures measured = new SoakFigures();
            current[0] = measured;
            long start = System.nanoTime();
            List<SoakFigures.MemorySample> memory = new ArrayList<>();
            memory.add(sample(0));
            long end = start + options.measure().toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(SAMPLE_EVERY.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                memory.add(sample((System.nanoTime() - start) / 60e9));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report(options, measured, memory, seconds);
        } finally {
            analysedCounter.unregister();
            deliveredCounter.unregister();
            for (Configuration stream : streams) {
                try {
                    stream.delete();
                } catch (IOException | IllegalStateException e) {
                    out.println("could not remove the soak stream " + stream.getPid() + ": " + e.getMessage());
                }
            }
            mounts.forEach(RtspMount::close);
        }
    }

    private static void analysed(AnalysedFrame frame, SoakFigures figures) {
        if (frame.cameraId().startsWith(CAMERA_PREFIX)) {
            figures.analysed(Duration.between(frame.captureTime(), Instant.now()).toNanos() / 1000);
        }
    }

    private void report(Options options, SoakFigures figures, List<SoakFigures.MemorySample> memory, double seconds) {
        double asked = options.cameras() * options.analysisFps();
        double analysed = figures.analysedCount() / seconds;
        double delivered = figures.deliveredCount() / seconds;
        double dropped = Math.max(0, delivered - analysed);
        SoakFigures.MemorySample first = memory.get(0);
        SoakFigures.MemorySample last = memory.get(memory.size() - 1);
        double rssSlope = SoakFigures.mibPerMinute(memory, SoakFigures.MemorySample::residentBytes);
        double heapSlope = SoakFigures.mibPerMinute(memory, SoakFigures.MemorySample::heapAfterGcBytes);
        out.printf(Locale.ROOT, "  analysed frames/s      %.1f of %.1f asked (%.2f)%n", analysed, asked, analysed / asked);
        out.printf(Locale.ROOT, "  delivered to analysis  %.1f/s; dropped before analysis %.1f/s (%.1f %%)%n", delivered, dropped,
                delivered == 0 ? 0 : 100 * dropped / delivered);
        out.printf(Locale.ROOT, "  capture to analysed    p50 %.0f ms, p95 %.0f ms, max %.0f ms (%,d frames)%n",
                figures.latencyMillis(50), figures.latencyMillis(95), figures.latencyMillis(100), figures.analysedCount());
        out.printf(Locale.ROOT, "  heap after full GC     %s -> %s (%+.1f MiB/min over %d samples)%n",
                SoakFigures.mib(first.heapAfterGcBytes()), SoakFigures.mib(last.heapAfterGcBytes()), heapSlope, memory.size());
        out.printf(Locale.ROOT, "  resident memory        %s -> %s (%+.1f MiB/min)%n", SoakFigures.mib(first.residentBytes()),
                SoakFigures.mib(last.residentBytes()), rssSlope);
        out.printf(Locale.ROOT, "SUMMARY|soak|analysed frames/s, %d cameras|%.1f|asked|%.1f|%.2f%n", options.cameras(), analysed,
                asked, analysed / asked);
        // against the analysis interval: under one interval, analysis keeps pace with the cameras
        double interval = 1000 / options.analysisFps();
        out.printf(Locale.ROOT, "SUMMARY|soak|capture to analysed p95 ms|%.0f|analysis interval|%.0f|%.2f%n",
                figures.latencyMillis(95), interval, figures.latencyMillis(95) / interval);
        out.printf(Locale.ROOT, "SUMMARY|soak|resident MiB at end|%.0f|at start|%.0f|%.2f%n", last.residentBytes() / 1048576.0,
                first.residentBytes() / 1048576.0, (double) last.residentBytes() / first.residentBytes());
    }

    /**
     * Memory now. The heap is what a full collection left, as the collector itself reports it per
     * pool: read afterwards from the heap's current use, it would also count what the streams
     * allocated in between. One full collection every 30 s costs the soak a pause of milliseconds.
     */
    private static SoakFigures.MemorySample sample(double minutes) {
        System.gc();
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
                heap += afterCollection.getUsed();
            }
        }
        return new SoakFigures.MemorySample(minutes, residentBytes(), heap);
    }

    /** VmRSS of this process (Linux); 0 where /proc is not there. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }
}
