package io.vigil.gstreamer.internal;

import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.BufferFlags;
import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.elements.AppSrc;

/**
 * The appsrc of one pipeline gst-rtsp-server built for a recording's mount, and what it has been
 * sent. Frames are stamped with that pipeline's running time when they arrive, as a camera stamps
 * its frames when it captures them, so the stream's time keeps going forward whatever the
 * recording's own timestamps do when it loops; a frame's distance between decoding and
 * presentation is kept, so B-frames still show in order. The first frame sent is a key frame,
 * so a new client decodes from its first frame on.
 *
 * <p>Used by one streaming thread at a time.
 */
final class MediaFeed implements AutoCloseable {

    private final AppSrc source;
    private boolean started;

    MediaFeed(AppSrc source) {
        this.source = source;
    }

    /**
     * Sends a copy of {@code frame}, restamped; the frame itself is left as it is.
     *
     * @return false once the pipeline has stopped for good, so nothing more should be sent
     */
    boolean send(Buffer frame) {
        if (!started && frame.getFlags().contains(BufferFlags.DELTA_UNIT)) {
            return true;
        }
        // the pipeline's clock is the system clock, shared by every pipeline: it is never disposed here
        Clock clock = source.getClock();
        if (clock == null) {
            return !started; // not yet playing, or no longer
        }
        long now = clock.getTime() - source.getBaseTime();
        Buffer stamped = frame.copy(); // the frame's metadata only; the data is shared
        stamped.setDecodeTimestamp(now);
        stamped.setPresentationTimestamp(now + reorderDelay(frame));
        FlowReturn sent = source.pushBuffer(stamped); // takes the copy
        if (sent == FlowReturn.OK) {
            started = true;
            return true;
        }
        // FLUSHING before the first frame went through is a pipeline still starting
        return !started && sent == FlowReturn.FLUSHING;
    }

    /** How long after its decoding a frame is shown: zero without B-frames. */
    private static long reorderDelay(Buffer frame) {
        long decode = frame.getDecodeTimestamp();
        long present = frame.getPresentationTimestamp();
        if (decode == ClockTime.NONE || present == ClockTime.NONE || present < decode) {
            return 0;
        }
        return present - decode;
    }

    /** Releases the appsrc; gst-rtsp-server owns the pipeline itself. */
    @Override
    public void close() {
        source.dispose();
    }
}
