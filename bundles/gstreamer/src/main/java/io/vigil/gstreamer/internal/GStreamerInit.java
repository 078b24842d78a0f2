package io.vigil.gstreamer.internal;

import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;
import org.freedesktop.gstreamer.Version;

/**
 * The one place that calls {@code Gst.init}. gst1-java-core keeps its initialisation in the
 * library itself (one per process), so this only has to avoid calling it twice.
 */
public final class GStreamerInit {

    private GStreamerInit() {
    }

    public static synchronized void ensureInitialised() {
        if (Gst.isInitialized()) {
            return;
        }
        try {
            Gst.init(Version.of(1, 20), "vigil");
        } catch (GstException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("GStreamer 1.20 or newer is not usable on this machine (" + e.getMessage()
                    + "); install it with: apt-get install gstreamer1.0-tools gstreamer1.0-plugins-base "
                    + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav libgstrtspserver-1.0-0", e);
        }
    }
}
