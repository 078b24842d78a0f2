package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.CaptureClock;
import io.vigil.api.media.Frame;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.testing.GstRtspServer;
import io.vigil.testing.GStreamerForTests;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.PluginFeature;
import org.freedesktop.gstreamer.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real streams from gst-rtsp-server on loopback into real ingest pipelines. */
class CameraStreamTest {

    private static DecoderSelector liveDecoders;

    private GstRtspServer server;
    private ScheduledExecutorService scheduler;
    private final List<CameraStream> streams = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
        liveDecoders = new DecoderSelector(name -> {
            PluginFeature feature = Registry.get().lookupFeature(name);
            return feature instanceof ElementFactory ? OptionalInt.of(feature.getRank()) : OptionalInt.empty();
        });
    }

    @BeforeEach
    void setUp() throws Exception {
        server = new GstRtspServer("127.0.0.1", 0);
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        streams.forEach(CameraStream::close);
        server.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Frames as the next stage sees them, copied as a consumer must. */
    record Seen(String camera, int width, int height, int stride, int bytes, Instant captureTime, CaptureClock clock,
            Instant arrived) {
    }

    private StreamSettings settings(String camera, URI uri, double fps) {
        StreamSettings d = StreamSettings.defaults(camera, uri);
        return new StreamSettings(camera, uri, d.user(), d.password(), d.transport(), d.latency(), fps, false, 0, 0,
                "auto", Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    private CameraStream open(StreamSettings settings, List<Seen> seen, List<CameraStream.StreamState> states) {
        CameraStream stream = new CameraStream(settings, liveDecoders, frame -> seen.add(copy(frame)), states::add, scheduler);
        streams.add(stream);
        stream.start();
        return stream;
    }

    private static Seen copy(Frame frame) {
        return new Seen(frame.cameraId(), frame.width(), frame.height(), frame.stride(), frame.pixels().remaining(),
                frame.captureTime(), frame.captureClock(), Instant.now());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private void streamsFramesOf(VideoCodec codec, String decoder) throws Exception {
        RtspMount mount = server.mount("/" + codec.name().toLowerCase(),
                new StreamSource.TestPattern(codec, 640, 360, 15), Optional.empty());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        List<CameraStream.StreamState> states = new CopyOnWriteArrayList<>();
        CameraStream stream = open(settings("cam-" + codec, mount.uri(), 5), seen, states);

        await(codec + " frames", Duration.ofSeconds(15), () -> seen.size() >= 3);
        long firstCount = seen.size();
        Thread.sleep(2000);
        Seen frame = seen.get(seen.size() - 1);
        assertEquals(640, frame.width());
        assertEquals(360, frame.height());
        assertEquals(640 * 3, frame.stride());
        assertEquals(640 * 3 * 360, frame.bytes());
        assertEquals(CameraStream.Phase.STREAMING, stream.state().phase(), stream.state().toString());
        assertEquals(Optional.of(decoder), stream.state().decoder());
        assertEquals(Optional.of(codec), stream.state().codec());
        // 15 fps in, at most 5 analysed: in 2 s about 10, never the full 30
        long inTwoSeconds = seen.size() - firstCount;
        assertTrue(inTwoSeconds >= 6 && inTwoSeconds <= 14, "analysed " + inTwoSeconds + " frames in 2 s at a 5 fps cap");
        StreamFigures.Snapshot figures = stream.figures();
        assertTrue(figures.decoded() > figures.analysed(), "the cap drops decoded frames: " + figures);
    }

    @Test
    void h264() throws Exception {
        streamsFramesOf(VideoCodec.H264, "avdec_h264");
    }

    @Test
    void h265() throws Exception {
        streamsFramesOf(VideoCodec.H265, "avdec_h265");
    }

    @Test
    void mjpeg() throws Exception {
        streamsFramesOf(VideoCodec.MJPEG, "jpegdec");
    }

    @Test
    void captureTimeComesFromTheCamerasSenderReports() throws Exception {
        RtspMount mount = server.mount("/clock", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 15), Optional.empty());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        open(settings("clock", mount.uri(), 15), seen, new CopyOnWriteArrayList<>());
        // the server's first RTCP sender report comes within a few seconds
        await("a frame timed by the camera's clock", Duration.ofSeconds(20),
                () -> !seen.isEmpty() && seen.get(seen.size() - 1).clock() == CaptureClock.CAMERA_RTCP);
        Thread.sleep(1000);
        for (Seen frame : seen.subList(seen.size() - 5, seen.size())) {
            assertEquals(CaptureClock.CAMERA_RTCP, frame.clock());
            long ageMillis = Duration.between(frame.captureTime(), frame.arrived()).toMillis();
            // sender and receiver share this machine's clock: the capture time the sender reports
            // is before arrival by the encode, send and decode time, and within 100 ms of it
            assertTrue(ageMillis >= 0 && ageMillis <= 100, "capture time " + ageMillis + " ms before arrival");
        }
    }

    @Test
    void aServerKilledMidStreamIsReconnectedWhenItComesBack() throws Exception {
        int port = server.port();
        RtspMount mount = server.mount("/flaky", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 15), Optional.empty());
        URI uri = mount.uri();
        List<Seen> seen = new CopyOnWriteArrayList<>();
        List<CameraStream.StreamState> states = new CopyOnWriteArrayList<>();
        CameraStream stream = open(settings("flaky", uri, 10), seen, states);
        await("first frames", Duration.ofSeconds(15), () -> seen.size() >= 3);
        int threadsStreaming = Thread.activeCount();

        server.close();
        await("reconnecting", Duration.ofSeconds(15), () -> stream.state().phase() == CameraStream.Phase.RECONNECTING);
        Thread.sleep(1500);
        server = new GstRtspServer("127.0.0.1", port);
        server.mount("/flaky", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 15), Optional.empty());
        int before = seen.size();
        await("frames after the restart", Duration.ofSeconds(30),
                () -> seen.size() > before + 3 && stream.state().phase() == CameraStream.Phase.STREAMING);
        assertTrue(stream.figures().reconnects() >= 1, stream.figures().toString());
        assertTrue(Thread.activeCount() <= threadsStreaming + 4,
                "threads " + Thread.activeCount() + " vs " + threadsStreaming + " before: reconnecting leaks threads");
    }

    @Test
    void wrongCredentialsAreSaidPlainly() throws Exception {
        RtspMount mount = server.mount("/locked", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10),
                Optional.of(new RtspCredentials("viewer", "right-password".toCharArray())));
        List<CameraStream.StreamState> states = new CopyOnWriteArrayList<>();
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CameraStream wrong = open(settings("locked", mount.uri(), 5).withCredentials("viewer", "wrong".toCharArray()),
                seen, states);
        await("the refusal", Duration.ofSeconds(15), () -> states.stream().anyMatch(s -> s.detail().contains("Unauthorized")));
        assertTrue(seen.isEmpty());
        assertTrue(states.stream().noneMatch(s -> s.detail().contains("wrong")), "the password shows in a state: " + states);

        List<Seen> allowed = new CopyOnWriteArrayList<>();
        open(settings("locked-ok", mount.uri(), 5).withCredentials("viewer", "right-password".toCharArray()), allowed,
                new CopyOnWriteArrayList<>());
        await("frames with the right password", Duration.ofSeconds(15), () -> allowed.size() >= 2);
        // it goes on trying (reconnecting, then connecting: each attempt first asks the camera which
        // login it wants), and never streams
        assertTrue(List.of(CameraStream.Phase.RECONNECTING, CameraStream.Phase.CONNECTING).contains(wrong.state().phase()),
                wrong.state().toString());
        assertTrue(states.stream().noneMatch(s -> s.phase() == CameraStream.Phase.STREAMING), states.toString());
    }

    @Test
    void aCodecThisMachineCannotDecodeFailsWithAClearReason() throws Exception {
        RtspMount mount = server.mount("/h265", new StreamSource.TestPattern(VideoCodec.H265, 320, 240, 10), Optional.empty());
        DecoderSelector noH265 = new DecoderSelector(name -> name.contains("265") ? OptionalInt.empty() : OptionalInt.of(256));
        AtomicReference<CameraStream.StreamState> last = new AtomicReference<>();
        CameraStream stream = new CameraStream(settings("h265", mount.uri(), 5), noH265, frame -> { }, last::set, scheduler);
        streams.add(stream);
        stream.start();
        await("the failure", Duration.ofSeconds(15), () -> stream.state().phase() == CameraStream.Phase.FAILED);
        assertTrue(stream.state().detail().contains("no decoder for H265"), stream.state().detail());
    }

    @Test
    void aHardwareDecoderTheRegistryListsButThatCannotBeMadeFallsBackToSoftware() throws Exception {
        RtspMount mount = server.mount("/gpu", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), Optional.empty());
        // as on a machine whose NVIDIA plugin registered nvh264dec but whose driver is gone:
        // the registry lists it, GStreamer cannot make it
        DecoderSelector withGhostGpu = new DecoderSelector(name -> name.equals("nvh264dec") ? OptionalInt.of(512)
                : Registry.get().lookupFeature(name) instanceof ElementFactory ? OptionalInt.of(256) : OptionalInt.empty());
        assertEquals("nvh264dec", withGhostGpu.candidates(VideoCodec.H264, "auto").get(0).element());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CameraStream stream = new CameraStream(settings("gpu", mount.uri(), 5), withGhostGpu, frame -> seen.add(copy(frame)),
                state -> { }, scheduler);
        streams.add(stream);
        stream.start();
        await("frames from the fallback decoder", Duration.ofSeconds(15), () -> seen.size() >= 3);
        assertEquals(Optional.of("avdec_h264"), stream.state().decoder());
        assertTrue(stream.state().detail().contains("decoder nvh264dec cannot be used")
                && stream.state().detail().contains("fell back to avdec_h264"), stream.state().detail());
    }

    @Test
    void keyFramesOnlyDecodesOneFrameInEachGroupOfPictures() throws Exception {
        // the test pattern sends a key frame every 2 s (key-int-max = 2 x fps)
        RtspMount mount = server.mount("/gop", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), Optional.empty());
        StreamSettings base = settings("gop", mount.uri(), 5);
        StreamSettings keyframes = new StreamSettings(base.cameraId(), base.uri(), base.user(), base.password(),
                base.transport(), base.latency(), base.maxFps(), true, 0, 0, "auto", base.backoffInitial(),
                base.backoffMax(), base.stallTimeout());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CameraStream stream = open(keyframes, seen, new CopyOnWriteArrayList<>());
        await("a first key frame", Duration.ofSeconds(15), () -> !seen.isEmpty());
        int first = seen.size();
        Thread.sleep(6000);
        int inSixSeconds = seen.size() - first;
        assertTrue(inSixSeconds >= 2 && inSixSeconds <= 4, inSixSeconds + " frames in 6 s, key frames every 2 s");
        assertTrue(stream.figures().decoded() <= first + 5, "only key frames are decoded: " + stream.figures());
    }

    @Test
    void udpTransportAndAMaximumFrameSize() throws Exception {
        RtspMount mount = server.mount("/udp", new StreamSource.TestPattern(VideoCodec.H264, 1280, 720, 10), Optional.empty());
        StreamSettings base = settings("udp", mount.uri(), 5);
        StreamSettings udpSmall = new StreamSettings(base.cameraId(), base.uri(), base.user(), base.password(),
                StreamSettings.Transport.UDP, base.latency(), base.maxFps(), false, 640, 640, "auto",
                base.backoffInitial(), base.backoffMax(), base.stallTimeout());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CameraStream stream = open(udpSmall, seen, new CopyOnWriteArrayList<>());
        try {
            await("frames over UDP", Duration.ofSeconds(15), () -> seen.size() >= 3);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + stream.state() + " " + stream.figures());
        }
        Seen frame = seen.get(seen.size() - 1);
        // scaled down to fit 640 x 640, keeping the 16:9 shape
        assertEquals(640, frame.width());
        assertEquals(360, frame.height());
    }

    @Test
    void aStreamLosingFramesOnTheWayKeepsDeliveringFrames() throws Exception {
        // a tenth of the encoded frames never arrive: the decoder sees broken references
        RtspMount mount = server.mount("/lossy", new StreamSource.Lossy(
                new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 15), 0.1), Optional.empty());
        List<Seen> seen = new CopyOnWriteArrayList<>();
        CameraStream stream = open(settings("lossy", mount.uri(), 5), seen, new CopyOnWriteArrayList<>());
        await("first frames", Duration.ofSeconds(15), () -> seen.size() >= 3);
        for (int second = 0; second < 5; second++) {
            int before = seen.size();
            Thread.sleep(1000);
            assertTrue(seen.size() > before, "no frame in second " + second + ": " + stream.state());
        }
        assertEquals(CameraStream.Phase.STREAMING, stream.state().phase(), stream.state().toString());
    }

    @Test
    void tenCamerasAtOnceWithBoundedMemory() throws Exception {
        List<List<Seen>> perCamera = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            RtspMount mount = server.mount("/cam" + i, new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), Optional.empty());
            List<Seen> seen = new CopyOnWriteArrayList<>();
            perCamera.add(seen);
            open(settings("cam" + i, mount.uri(), 5), seen, new CopyOnWriteArrayList<>());
        }
        await("frames from every camera", Duration.ofSeconds(40), () -> perCamera.stream().allMatch(s -> s.size() >= 2));
        long rssStreaming = ResidentMemory.kibibytes();
        Thread.sleep(5000);
        long rssLater = ResidentMemory.kibibytes();
        assertTrue(perCamera.stream().allMatch(s -> s.size() >= 10), "every camera keeps streaming");
        // newest frame wins and nothing queues: five more seconds of ten streams add no backlog
        assertTrue(rssLater - rssStreaming < 40 * 1024, "resident memory grew " + (rssLater - rssStreaming) / 1024
                + " MiB in 5 s with 10 cameras");
    }
}
