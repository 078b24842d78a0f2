package io.vigil.ingest.internal;

import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.RecordingEventAdmin;
import io.vigil.testing.RecordingLogger;

import io.vigil.testing.GStreamerForTests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.CameraStreams;
import io.vigil.api.media.Frame;
import io.vigil.api.media.FrameListener;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.StreamSpec;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.media.StreamTopics;
import io.vigil.api.media.VideoCodec;
import io.vigil.api.status.ModuleStatus;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * The runner as SCR wires it, on real streams from gst-rtsp-server on loopback: offers start,
 * restart and stop streams, one per camera id; frames reach listeners by camera; state changes
 * are announced; each stream's status is a record and a status line.
 */
class StreamRunnerTest {

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
    }

    /** Stands in for the camera registry's offer (another bundle): streams that change, announced as it does. */
    static final class ChangingOffer implements CameraStreams {
        volatile List<StreamSpec> specs = List.of();

        public List<StreamSpec> streams() {
            return specs;
        }
    }

    private GstRtspServer server;
    private StreamRunner runner;
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    /** The status lines published, as {@code vigil status} would find them. */
    private final Map<String, RunningStream> published = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new GstRtspServer("127.0.0.1", 0);
        DecoderSelector decoders = new DecoderSelector(name -> Registry.get().lookupFeature(name) instanceof ElementFactory f
                ? OptionalInt.of(f.getRank()) : OptionalInt.empty());
        runner = new StreamRunner(decoders, secrets(), RecordingLogger.quiet(),
                stream -> {
                    published.put(stream.spec().cameraId(), stream);
                    return () -> published.remove(stream.spec().cameraId(), stream);
                });
        runner.bindEventAdmin(events);
    }

    @AfterEach
    void stop() throws Exception {
        runner.deactivate();
        server.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private Optional<StreamStatus> status(String camera) {
        return runner.streams().stream().filter(s -> s.cameraId().equals(camera)).findFirst();
    }

    private long events(String camera, String phase) {
        return events.posted().stream().filter(e -> camera.equals(e.getProperty("camera.id")) && phase.equals(e.getProperty("phase")))
                .count();
    }

    @Test
    void offersStartRestartAndStopOneStreamPerCamera() throws Exception {
        RtspMount porch = server.mount("/porch", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), Optional.empty());
        RtspMount porch2 = server.mount("/porch2", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), Optional.empty());
        List<Frame> mine = new CopyOnWriteArrayList<>();
        List<Frame> everyCamera = new CopyOnWriteArrayList<>();
        List<Frame> otherCamera = new CopyOnWriteArrayList<>();
        FrameListener forPorch = mine::add;
        FrameListener forAll = everyCamera::add;
        FrameListener forGate = otherCamera::add;
        runner.addFrameListener(forPorch, Map.of("camera.id", "porch"));
        runner.addFrameListener(forAll, Map.of());
        runner.addFrameListener(forGate, Map.of("camera.id", "gate"));

        // the registry offers porch; a hand-written configuration names the same camera later: it must not run twice
        ChangingOffer registry = new ChangingOffer();
        registry.specs = List.of(StreamSpec.of("porch", porch.uri(), "", "", false));
        runner.addStreams(registry, Map.of("service.id", 10L));
        ConfiguredStream configured = new ConfiguredStream(new ConfiguredStreamTest.Config("porch", porch2.uri().toString(), "",
                "", "tcp", 200, 4, false, 0, 0, "auto"));
        runner.addStreams(configured, Map.of("service.id", 11L));
        await(() -> mine.size() >= 3 && status("porch").map(s -> s.phase() == StreamStatus.Phase.STREAMING).orElse(false),
                "porch streaming");
        assertEquals(1, runner.streams().size(), "one stream per camera id: " + runner.streams());
        assertTrue(everyCamera.size() >= 3);
        assertTrue(otherCamera.isEmpty(), "a listener of another camera got frames");
        StreamStatus streaming = status("porch").orElseThrow();
        assertEquals(porch.uri(), published.get("porch").spec().uri(), "the first offer runs");
        assertEquals(Optional.of(VideoCodec.H264), streaming.codec());
        assertEquals(Optional.of("avdec_h264"), streaming.decoder());
        assertTrue(streaming.decoded() >= 3 && streaming.analysed() >= 3, streaming.toString());
        ModuleStatus line = published.get("porch").moduleStatus();
        assertEquals("ingest/porch", line.module());
        assertEquals(ModuleStatus.Health.OK, line.health(), line.detail());
        Event announced = events.posted().stream().filter(e -> "STREAMING".equals(e.getProperty("phase"))).findFirst().orElseThrow();
        assertEquals(StreamTopics.STATE, announced.getTopic());
        assertEquals("porch", announced.getProperty("camera.id"));
        assertEquals("H264", announced.getProperty("codec"));

        // the registry's spec changes (the camera answered with another stream): the stream restarts on it
        registry.specs = List.of(StreamSpec.of("porch", porch2.uri(), "", "", false));
        runner.streamsChanged(registry);
        await(() -> events("porch", "STOPPED") == 1 && events("porch", "STREAMING") == 2, "porch restarted");
        assertEquals(porch2.uri(), published.get("porch").spec().uri());

        // a spec that cannot run is a failed stream that says why, never a secret
        registry.specs = List.of(StreamSpec.of("porch", porch2.uri(), "", "", false),
                StreamSpec.of("gate", URI.create("rtsp://127.0.0.1:9/gate"), "vigil", "camera.missing", false));
        runner.streamsChanged(registry);
        await(() -> status("gate").isPresent(), "gate listed");
        assertEquals(StreamStatus.Phase.FAILED, status("gate").orElseThrow().phase());
        assertTrue(status("gate").orElseThrow().detail().contains("vigil secret set camera.missing"),
                status("gate").orElseThrow().detail());
        assertEquals(2, events("porch", "STREAMING"), "porch, unchanged, was left running");

        // the registry withdraws its offer: porch goes (the configuration of the same id, offered later, now runs)
        runner.removeStreams(registry, Map.of("service.id", 10L));
        await(() -> status("gate").isEmpty() && events("porch", "STREAMING") == 3, "the configuration's porch running");
        assertEquals(4, published.get("porch").spec().maxFps());
        runner.removeStreams(configured, Map.of("service.id", 11L));
        await(() -> runner.streams().isEmpty() && published.isEmpty() && events("porch", "STOPPED") == 3,
                "every stream stopped");
    }

    /** The secret store the runner reads camera passwords from: the gate camera's only. */
    private static MemorySecretStore secrets() throws Exception {
        MemorySecretStore secrets = new MemorySecretStore();
        secrets.putPassword("camera.gate", "pw".toCharArray());
        return secrets;
    }
}
