package io.vigil.gstreamer.internal;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.glib.Natives;

/**
 * Shows a mount's source every pipeline gst-rtsp-server builds for the mount, before it starts:
 * a source that feeds the pipeline from outside (a recording's loop) has to find its elements.
 * Disconnected before the mount's factory is released, so no pipeline arrives after.
 */
final class MediaConfigureHook implements AutoCloseable {

    private final GObjectLibrary gobject;
    private final Pointer factory;
    private final AtomicBoolean closed = new AtomicBoolean();
    // A field: GLib keeps only its address for as long as the handler is connected.
    private final RtspServerLibrary.MediaConfigureFunc handler;
    private final NativeLong handlerId;

    private MediaConfigureHook(RtspServerLibrary rtsp, GObjectLibrary gobject, Pointer factory, Consumer<Bin> media) {
        this.gobject = gobject;
        this.factory = factory;
        this.handler = (mediaFactory, rtspMedia, data) -> {
            try {
                Pointer element = rtsp.gst_rtsp_media_get_element(rtspMedia);
                if (element == null) {
                    return;
                }
                Bin bin = Natives.objectFor(element, Bin.class, false, true); // takes the reference we were given
                try {
                    media.accept(bin);
                } finally {
                    bin.dispose();
                }
            } catch (RuntimeException e) {
                // on the server's thread, with nobody to tell: this pipeline gets no frames, a client's retry another
            }
        };
        this.handlerId = gobject.g_signal_connect_data(factory, "media-configure", handler, null, null, 0);
    }

    /** Calls {@code media} with each pipeline built for {@code factory} from now on, on the server's thread. */
    static MediaConfigureHook connect(RtspServerLibrary rtsp, GObjectLibrary gobject, Pointer factory,
            Consumer<Bin> media) {
        return new MediaConfigureHook(rtsp, gobject, factory, media);
    }

    /** Disconnects; call while the factory is still referenced. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            gobject.g_signal_handler_disconnect(factory, handlerId);
        }
    }
}
