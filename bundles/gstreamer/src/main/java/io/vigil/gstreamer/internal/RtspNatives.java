package io.vigil.gstreamer.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.vigil.api.media.MediaException;
import java.util.Map;

/**
 * The native libraries behind the RTSP server. Strings cross as UTF-8 whatever the JVM's locale,
 * because GLib and GStreamer take every string as UTF-8 (a service often runs with a POSIX locale).
 */
record RtspNatives(RtspServerLibrary rtsp, GLibLibrary glib, GObjectLibrary gobject, GstCoreLibrary gst) {

    static RtspNatives load() throws MediaException {
        Map<String, Object> options = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");
        try {
            return new RtspNatives(
                    Native.load(RtspServerLibrary.SONAME, RtspServerLibrary.class, options),
                    Native.load(GLibLibrary.SONAME, GLibLibrary.class, options),
                    Native.load(GObjectLibrary.SONAME, GObjectLibrary.class, options),
                    Native.load(GstCoreLibrary.SONAME, GstCoreLibrary.class, options));
        } catch (UnsatisfiedLinkError e) {
            throw new MediaException("gst-rtsp-server is not usable on this machine (" + e.getMessage()
                    + "); install it with: apt-get install libgstrtspserver-1.0-0", e);
        }
    }
}
