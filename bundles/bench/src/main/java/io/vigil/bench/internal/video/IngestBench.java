package io.vigil.bench.internal.video;

import io.vigil.api.media.FrameSources;
import io.vigil.api.media.MediaException;
import io.vigil.api.media.VideoCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil bench ingest}: Vigil's ingest against the bare GStreamer chain it is built from.
 * Both pull the same RTSP streams (pre-encoded clips, served without re-encoding by a server in
 * a process of its own, so its work is counted in neither) through depay, parse, decode, the
 * 5 fps cap and conversion to BGR; Vigil hands each frame to a consumer, gst-launch-1.0 drops it
 * in a fakesink. The figure is CPU seconds per analysed frame, and their ratio.
 */
final class IngestBench {

    record Resolution(String label, int width, int height, int kbps) {
    }

    record Measurement(double framesPerSecond, double cpuSecondsPerFrame) {
    }

    static final List<Resolution> RESOLUTIONS = List.of(
            new Resolution("720p", 1280, 720, 2500), new Resolution("1080p", 1920, 1080, 5000));
    static final List<Integer> STREAMS = List.of(1, 4, 8);
    static final double CAP_FPS = 5;

    private final Path clips;
    private final FrameSources sources;
    private final RecordingServer.Launcher servers;
    private final PrintStream out;
    private final Duration warmup;
    private final Duration window;

    IngestBench(Path clips, FrameSources sources, RecordingServer.Launcher servers, PrintStream out, Duration warmup,
            Duration window) {
        this.clips = clips;
        this.sources = sources;
        this.servers = servers;
        this.out = out;
        this.warmup = warmup;
        this.window = window;
    }

    void run(List<Resolution> resolutions, List<Integer> streamCounts) throws IOException, MediaException, InterruptedException {
        int most = streamCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        out.printf(Locale.ROOT, "Ingest bench: %s s warm-up, %s s measured per row, %d fps cap, one run on %d cores%n",
                warmup.toSeconds(), window.toSeconds(), (int) CAP_FPS, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-6s %7s | %10s %14s | %10s %14s | %6s%n", "video", "streams", "vigil fps",
                "vigil cpu/frm", "bare fps", "bare cpu/frm", "ratio");
        // the container idles on other threads too (framework, Jetty, timers): measured once and
        // taken out, so the figure is what ingest itself costs
        idleCpuPerSecond = idleCpuPerSecond();
        out.printf(Locale.ROOT, "container idle: %.1f ms CPU per second (subtracted from Vigil's figures)%n",
                idleCpuPerSecond * 1000);
        List<Double> ratios = new ArrayList<>();
        for (Resolution resolution : resolutions) {
            Path clip = clip(resolution);
            try (RecordingServer server = servers.start(clip, most)) {
                for (int streams : streamCounts) {
                    List<URI> uris = server.uris().subList(0, streams);
                    Measurement vigil = measureVigil(uris);
                    Measurement bare = measureBare(uris);
                    double ratio = vigil.cpuSecondsPerFrame() / bare.cpuSecondsPerFrame();
                    ratios.add(ratio);
                    out.printf(Locale.ROOT, "%-6s %7d | %10.1f %11.2f ms | %10.1f %11.2f ms | %6.2f%n", resolution.label(),
                            streams, vigil.framesPerSecond(), vigil.cpuSecondsPerFrame() * 1000, bare.framesPerSecond(),
                            bare.cpuSecondsPerFrame() * 1000, ratio);
                    out.printf(Locale.ROOT, "SUMMARY|ingest|CPU ms per analysed frame, %s x%d|%.2f|gst-launch-1.0|%.2f|%.2f%n",
                            resolution.label(), streams, vigil.cpuSecondsPerFrame() * 1000, bare.cpuSecondsPerFrame() * 1000, ratio);
                }
            }
        }
        ratios.sort(null);
        out.printf(Locale.ROOT, "median ratio %.2f (target: at most 1.10)%n", ratios.get(ratios.size() / 2));
        out.println("Vigil, per stream:   rtspsrc protocols=tcp latency=200 ntp-sync=true ! "
                + sources.describeChain(VideoCodec.H264, "avdec_h264"));
        out.println("bare, per stream:    gst-launch-1.0 " + bareChain(URI.create("rtsp://HOST/PATH"), 0));
    }

    /** A clip of moving content, encoded once and kept for later runs. */
    Path clip(Resolution resolution) throws IOException, MediaException {
        Files.createDirectories(clips);
        Path clip = clips.resolve("bench-" + resolution.label() + ".mkv");
        if (Files.exists(clip)) {
            return clip;
        }
        Path partial = clips.resolve("bench-" + resolution.label() + ".mkv.part");
        out.println("encoding a " + resolution.label() + " clip for the bench (once) ...");
        ClipEncoder.encode("videotestsrc pattern=ball motion=wavy num-buffers=900 ! video/x-raw,width="
                + resolution.width() + ",height=" + resolution.height() + ",framerate=25/1 ! x264enc speed-preset=veryfast "
                + "key-int-max=50 bitrate=" + resolution.kbps() + " ! h264parse ! matroskamux ! filesink location=\""
                + partial + "\"", partial, clip, "bench clip");
        return clip;
    }

    private double idleCpuPerSecond;

    private double idleCpuPerSecond() throws IOException, InterruptedException {
        double cpu0 = CpuTime.self();
        Thread.sleep(window.toMillis());
        return (CpuTime.self() - cpu0) / (window.toMillis() / 1000.0);
    }

    private Measurement measureVigil(List<URI> uris) throws IOException, InterruptedException {
        List<FrameSources.FrameSource> streams = new ArrayList<>();
        // frames handed to the consumer: what ingest counts as analysed
        AtomicLong analysed = new AtomicLong();
        try {
            for (int i = 0; i < uris.size(); i++) {
                // the next stage copies nothing here: it only looks at the frame, as a consumer would
                streams.add(sources.open("bench-" + i, uris.get(i), frame -> {
                    frame.pixels().get(0);
                    analysed.incrementAndGet();
                }));
            }
            Thread.sleep(warmup.toMillis());
            long frames0 = analysed.get();
            double cpu0 = CpuTime.self();
            Thread.sleep(window.toMillis());
            double cpu1 = CpuTime.self();
            long frames1 = analysed.get();
            double idle = idleCpuPerSecond * window.toMillis() / 1000.0;
            return measurement(frames1 - frames0, Math.max(0, cpu1 - cpu0 - idle));
        } finally {
            streams.forEach(FrameSources.FrameSource::close);
        }
    }

    private Measurement measureBare(List<URI> uris) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "-v"));
        for (int i = 0; i < uris.size(); i++) {
            command.addAll(List.of(bareChain(uris.get(i), i).split(" ")));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Long> rendered = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> countRendered(process, rendered), "bench-gst-launch-output");
        reader.setDaemon(true);
        reader.start();
        try {
            Thread.sleep(warmup.toMillis());
            long frames0 = rendered.values().stream().mapToLong(Long::longValue).sum();
            double cpu0 = CpuTime.seconds(process.pid());
            Thread.sleep(window.toMillis());
            double cpu1 = CpuTime.seconds(process.pid());
            long frames1 = rendered.values().stream().mapToLong(Long::longValue).sum();
            return measurement(frames1 - frames0, cpu1 - cpu0);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The same chain Vigil builds, ending in a counting fakesink. */
    static String bareChain(URI uri, int index) {
        return "rtspsrc location=" + uri + " protocols=tcp latency=200 ! rtph264depay ! h264parse ! avdec_h264 ! "
                + "videorate drop-only=true max-rate=" + (int) CAP_FPS + " ! videoconvert ! video/x-raw,format=BGR ! "
                + "fpsdisplaysink name=count" + index + " video-sink=fakesink text-overlay=false sync=false";
    }

    private static final Pattern RENDERED = Pattern.compile("(count\\d+).*rendered: (\\d+)");

    private static void countRendered(Process process, Map<String, Long> rendered) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher m = RENDERED.matcher(line);
                if (m.find()) {
                    rendered.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private Measurement measurement(long frames, double cpuSeconds) {
        double seconds = window.toMillis() / 1000.0;
        return new Measurement(frames / seconds, frames == 0 ? Double.NaN : cpuSeconds / frames);
    }
}
