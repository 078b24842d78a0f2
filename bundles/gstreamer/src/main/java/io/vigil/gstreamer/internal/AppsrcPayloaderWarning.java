package io.vigil.gstreamer.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * gst-rtsp-server 1.22 reads the payloader's {@code pt} property for every pipeline it builds, and
 * a metadata mount's payloader is an appsrc, which has none: GLib prints "object class 'GstAppSrc'
 * has no property named 'pt'" for every client, into the container's output and the demo's. The
 * value only keeps retransmission payload types clear of the stream's, which Vigil does not use
 * (GStreamer 1.24's rtppassthroughpay would have the property). This drops that one warning and
 * hands every other GLib-GObject warning to GLib's default handler.
 *
 * <p>GLib's log handlers belong to the process, as GStreamer's initialisation does, so this is
 * installed once per process and stays.
 */
final class AppsrcPayloaderWarning {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    // GLib keeps only the callback's address: it must stay reachable for the process's life
    private static GLibLibrary.LogFunc handler;

    private AppsrcPayloaderWarning() {
    }

    static void suppress(GLibLibrary glib) {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        handler = (domain, level, message, data) -> {
            if (!isThePtWarning(message)) {
                glib.g_log_default_handler(domain, level, message, data);
            }
        };
        glib.g_log_set_handler("GLib-GObject", GLibLibrary.G_LOG_LEVEL_WARNING | GLibLibrary.G_LOG_FLAG_FATAL
                | GLibLibrary.G_LOG_FLAG_RECURSION, handler, null);
    }

    static boolean isThePtWarning(String message) {
        return message != null && message.contains("'GstAppSrc' has no property named 'pt'");
    }
}
