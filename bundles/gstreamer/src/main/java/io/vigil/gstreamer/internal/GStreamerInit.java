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

    /**
     * GStreamer installs a SIGSEGV handler while it loads a plugin and treats any segmentation
     * fault meanwhile as the plugin crashing. The JVM raises SIGSEGV on purpose all the time
     * (implicit null checks, safepoint polls) on other threads, so a decoder plugin loaded lazily
     * while a camera starts could take the whole container down ("Caught a segmentation fault
     * while loading plugin file libgstlibav.so"). Its trap must be off in a JVM.
     */
    public static void disableSegTrap() {
        Gst.setSegTrap(false);
    }

    public static synchronized void ensureInitialised() {
        if (Gst.isInitialized()) {
            return;
        }
        try {
            disableSegTrap();
            Gst.init(Version.of(1, 20), "vigil");
        } catch (GstException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("GStreamer 1.20 or newer is not usable on this machine (" + e.getMessage()
                    + "); install it with: apt-get install gstreamer1.0-tools gstreamer1.0-plugins-base "
                    + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav libgstrtspserver-1.0-0", e);
        }
    }
}
