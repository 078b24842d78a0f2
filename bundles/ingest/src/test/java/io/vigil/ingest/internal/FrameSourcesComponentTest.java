package io.vigil.ingest.internal;

import io.vigil.gstreamer.GStreamerRuntime;
import java.util.OptionalInt;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.Frame;
import io.vigil.api.media.FrameSources;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.testing.GstRtspServer;
import io.vigil.testing.GStreamerForTests;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ingest's pipeline for a caller (the bench bundle's way in): frames to the caller, nothing after close. */
class FrameSourcesComponentTest {

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
    }

    /** GStreamer as the platform bundle offers it, initialised above. */
    private static final GStreamerRuntime GSTREAMER = new GStreamerRuntime() {
        public String version() {
            return Gst.getVersionString();
        }

        public OptionalInt elementRank(String name) {
            return Registry.get().lookupFeature(name) instanceof ElementFactory f ? OptionalInt.of(f.getRank())
                    : OptionalInt.empty();
        }
    };

    @Test
    void anOpenedSourceDeliversCappedBgrFramesUntilClosed() throws Exception {
        FrameSourcesComponent sources = new FrameSourcesComponent(GSTREAMER);
        try (GstRtspServer server = new GstRtspServer("127.0.0.1", 0)) {
            RtspMount mount = server.mount("/bench", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 25), Optional.empty());
            List<Frame> frames = new CopyOnWriteArrayList<>();
            FrameSources.FrameSource source = sources.open("bench-0", mount.uri(), frames::add);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (frames.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(frames.size() >= 5, "frames arrived: " + frames.size());
            Frame first = frames.get(0);
            assertEquals("bench-0", first.cameraId());
            assertEquals(320, first.width());
            assertEquals(240, first.height());
            source.close();
            int afterClose = frames.size();
            Thread.sleep(600);
            assertEquals(afterClose, frames.size(), "no frame after close");
        } finally {
            sources.deactivate();
        }
    }

    @Test
    void theChainIsTheOneAConfiguredCameraBuilds() throws Exception {
        FrameSourcesComponent sources = new FrameSourcesComponent(GSTREAMER);
        try {
            String chain = sources.describeChain(VideoCodec.H264, "avdec_h264");
            assertEquals(ChainDescription.describe(VideoCodec.H264, "avdec_h264",
                    StreamSettings.defaults("x", java.net.URI.create("rtsp://127.0.0.1/x"))), chain);
            assertTrue(chain.contains("max-rate=5"), chain);
            assertFalse(chain.contains("rtsp://"), "no URI in the chain: " + chain);
        } finally {
            sources.deactivate();
        }
    }
}
