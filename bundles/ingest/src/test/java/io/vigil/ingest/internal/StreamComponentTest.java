package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.Frame;
import io.vigil.api.media.FrameListener;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.StreamTopics;
import io.vigil.api.media.VideoCodec;
import io.vigil.api.status.ModuleStatus;
import io.vigil.gstreamer.GStreamerRuntime;
import io.vigil.gstreamer.testing.GstRtspServer;
import io.vigil.testing.GStreamerForTests;
import io.vigil.testing.RecordingEventAdmin;
import io.vigil.testing.RecordingLogger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The component as SCR would wire it, on a real stream: frames to listeners by camera, events on changes. */
class StreamComponentTest {

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
    }

    /** GStreamer as the platform bundle offers it, initialised above. */
    static final GStreamerRuntime GSTREAMER = new GStreamerRuntime() {
        public String version() {
            return Gst.getVersionString();
        }

        public OptionalInt elementRank(String name) {
            return Registry.get().lookupFeature(name) instanceof ElementFactory f ? OptionalInt.of(f.getRank())
                    : OptionalInt.empty();
        }
    };

    @Test
    void framesReachListenersOfThisCameraAndStateChangesAreAnnounced() throws Exception {
        try (GstRtspServer server = new GstRtspServer("127.0.0.1", 0)) {
            RtspMount mount = server.mount("/porch", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), Optional.empty());
            RecordingEventAdmin events = new RecordingEventAdmin();
            StreamComponent component = new StreamComponent(new StreamComponentSettingsTest.Config("porch",
                    mount.uri().toString(), "", "", "tcp", 200, 5, false, 0, 0, "auto"), GSTREAMER,
                    new StreamComponentSettingsTest.MapSecrets(Map.of()), RecordingLogger.quiet());
            component.bindEventAdmin(events);
            List<Frame> mine = new CopyOnWriteArrayList<>();
            List<Frame> everyCamera = new CopyOnWriteArrayList<>();
            List<Frame> otherCamera = new CopyOnWriteArrayList<>();
            FrameListener forPorch = mine::add;
            FrameListener forAll = everyCamera::add;
            FrameListener forGate = otherCamera::add;
            component.addFrameListener(forPorch, Map.of("camera.id", "porch"));
            component.addFrameListener(forAll, Map.of());
            component.addFrameListener(forGate, Map.of("camera.id", "gate"));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while ((mine.size() < 3 || events.posted().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(mine.size() >= 3, "frames for this camera: " + mine.size());
                assertTrue(everyCamera.size() >= 3);
                assertTrue(otherCamera.isEmpty(), "a listener of another camera got frames");
                Event streaming = events.posted().stream().filter(e -> "STREAMING".equals(e.getProperty("phase")))
                        .findFirst().orElseThrow(() -> new AssertionError("no STREAMING event in " + events.posted()));
                assertEquals(StreamTopics.STATE, streaming.getTopic());
                assertEquals("porch", streaming.getProperty("camera.id"));
                assertEquals("avdec_h264", streaming.getProperty("decoder"));
                assertEquals("H264", streaming.getProperty("codec"));
                assertEquals(ModuleStatus.Health.OK, component.status().health(), component.status().detail());
            } finally {
                component.deactivate();
            }
            assertTrue(events.posted().stream().anyMatch(e -> "STOPPED".equals(e.getProperty("phase"))), events.posted().toString());
        }
    }
}
