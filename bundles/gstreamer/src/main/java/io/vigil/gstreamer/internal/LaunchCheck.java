package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.PluginFeature;
import org.freedesktop.gstreamer.Registry;
import org.freedesktop.gstreamer.glib.GError;

/**
 * Proves, when a path is mounted, that GStreamer can build its pipeline. gst-rtsp-server builds
 * it only when the first client asks, and then the client just gets an error; an administrator
 * should instead learn at once which element is missing and which Debian package brings it.
 */
final class LaunchCheck {

    /** Debian 12's package for each element Vigil's launch descriptions use. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("filesrc", "libgstreamer1.0-0"),
            Map.entry("fakesink", "libgstreamer1.0-0"),
            Map.entry("identity", "libgstreamer1.0-0"),
            Map.entry("parsebin", "gstreamer1.0-plugins-base"),
            Map.entry("appsrc", "gstreamer1.0-plugins-base"),
            Map.entry("appsink", "gstreamer1.0-plugins-base"),
            Map.entry("h264parse", "gstreamer1.0-plugins-bad"),
            Map.entry("h265parse", "gstreamer1.0-plugins-bad"),
            Map.entry("videotestsrc", "gstreamer1.0-plugins-base"),
            Map.entry("videoconvert", "gstreamer1.0-plugins-base"),
            Map.entry("videoscale", "gstreamer1.0-plugins-base"),
            Map.entry("videorate", "gstreamer1.0-plugins-base"),
            Map.entry("compositor", "gstreamer1.0-plugins-base"),
            Map.entry("decodebin", "gstreamer1.0-plugins-base"),
            Map.entry("multifilesrc", "gstreamer1.0-plugins-good"),
            Map.entry("jpegdec", "gstreamer1.0-plugins-good"),
            Map.entry("jpegenc", "gstreamer1.0-plugins-good"),
            Map.entry("rtpjpegpay", "gstreamer1.0-plugins-good"),
            Map.entry("rtph264pay", "gstreamer1.0-plugins-good"),
            Map.entry("rtph265pay", "gstreamer1.0-plugins-good"),
            Map.entry("x264enc", "gstreamer1.0-plugins-ugly"),
            Map.entry("x265enc", "gstreamer1.0-plugins-bad"),
            Map.entry("intervideosrc", "gstreamer1.0-plugins-bad"),
            Map.entry("intervideosink", "gstreamer1.0-plugins-bad"));

    private LaunchCheck() {
    }

    static void verify(LaunchDescription launch) throws MediaException {
        requireElements(launch.elements());
        List<GError> errors = new ArrayList<>();
        Element pipeline = Gst.parseLaunch(launch.pipeline(), errors);
        try {
            if (pipeline == null || !errors.isEmpty()) {
                throw new MediaException("GStreamer cannot build the stream's pipeline: "
                        + errors.stream().map(GError::getMessage).collect(Collectors.joining("; ")));
            }
        } finally {
            if (pipeline != null) {
                pipeline.dispose();
            }
        }
    }

    static void requireElements(Set<String> factories) throws MediaException {
        List<String> missing = factories.stream().filter(factory -> !isAvailable(factory)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Set<String> packages = new LinkedHashSet<>();
        for (String factory : missing) {
            packages.add(debianPackage(factory));
        }
        boolean one = missing.size() == 1;
        throw new MediaException("GStreamer element" + (one ? " " : "s ") + String.join(", ", missing)
                + (one ? " is" : " are") + " missing; install " + (one ? "it" : "them") + " with: apt-get install "
                + String.join(" ", packages));
    }

    static String debianPackage(String factory) {
        return DEBIAN_PACKAGES.getOrDefault(factory, "the GStreamer plugin package providing " + factory);
    }

    private static boolean isAvailable(String factoryName) {
        // ElementFactory.find throws for a missing element; a registry lookup answers null
        PluginFeature feature = Registry.get().lookupFeature(factoryName);
        if (feature == null) {
            return false;
        }
        try {
            return feature instanceof ElementFactory;
        } finally {
            feature.dispose();
        }
    }
}
