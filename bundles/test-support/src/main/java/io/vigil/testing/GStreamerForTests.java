package io.vigil.testing;

import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;

/** GStreamer for tests outside the container, where the platform bundle is not there to do it. */
public final class GStreamerForTests {

    private GStreamerForTests() {
    }

    public static synchronized void init() {
        if (!Gst.isInitialized()) {
            // as in the product (GStreamerInit): GStreamer's plugin-loading SIGSEGV trap mistakes the JVM's own
            Gst.setSegTrap(false);
            Gst.init(Version.of(1, 20), "vigil-test");
        }
    }
}
