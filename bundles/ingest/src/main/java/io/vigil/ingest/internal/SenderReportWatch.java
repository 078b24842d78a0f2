package io.vigil.ingest.internal;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.glib.Natives;

/**
 * Notices the camera's first RTCP sender report. Until one arrives the jitter buffer can only
 * time frames by their arrival; after it, frame times are the camera's capture times. The
 * signal chain is rtspsrc "new-manager" (its rtpbin) -> rtpbin "new-jitterbuffer" -> the
 * jitter buffer's "handle-sync", which fires for each sender report.
 */
final class SenderReportWatch {

    interface NewManager extends Callback {
        void callback(Pointer rtspsrc, Pointer manager, Pointer userData);
    }

    interface NewJitterBuffer extends Callback {
        void callback(Pointer rtpbin, Pointer jitterBuffer, int session, int ssrc, Pointer userData);
    }

    interface HandleSync extends Callback {
        void callback(Pointer jitterBuffer, Pointer structure, Pointer userData);
    }

    private volatile boolean seen;
    /** Native code holds only pointers to these: Java must keep them alive. */
    private final List<Object> alive = new CopyOnWriteArrayList<>();

    void watch(Element rtspsrc) {
        HandleSync onSync = (jitterBuffer, structure, userData) -> seen = true;
        NewJitterBuffer onJitterBuffer = (rtpbin, jitterBuffer, session, ssrc, userData) -> {
            Element buffer = Natives.objectFor(jitterBuffer, Element.class, true, true);
            alive.add(buffer);
            buffer.connect("handle-sync", HandleSync.class, onSync, onSync);
        };
        NewManager onManager = (source, manager, userData) -> {
            Element rtpbin = Natives.objectFor(manager, Element.class, true, true);
            alive.add(rtpbin);
            rtpbin.connect("new-jitterbuffer", NewJitterBuffer.class, onJitterBuffer, onJitterBuffer);
        };
        alive.add(onSync);
        alive.add(onJitterBuffer);
        alive.add(onManager);
        rtspsrc.connect("new-manager", NewManager.class, onManager, onManager);
    }

    boolean seen() {
        return seen;
    }

    void reset() {
        seen = false;
        alive.clear();
    }
}
