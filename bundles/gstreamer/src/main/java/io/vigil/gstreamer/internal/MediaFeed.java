package io.vigil.gstreamer.internal;

import java.util.EnumSet;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.BufferFlags;
import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.elements.AppSrc;

/**
 * The appsrc of one pipeline gst-rtsp-server built for a recording's mount, and what it has been
 * sent. Each frame is stamped with when it is due on the recording's timeline, to be shown and to
 * be decoded, as running times of this pipeline: so the stream's time keeps going forward however
 * often the recording starts over, as a camera's does, B-frames keep their place, and the
 * pipeline's sinks send each frame when it is to be decoded. The first frame sent is a key frame,
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
     * Sends a copy of {@code frame}, stamped from {@code due}; the frame itself is left as it is.
     *
     * @return false once the pipeline has stopped for good, so nothing more should be sent
     */
    boolean send(Buffer frame, DueTime due) {
        if (!started && frame.getFlags().contains(BufferFlags.DELTA_UNIT)) {
            return true;
        }
        // the pipeline's clock, normally the system clock every pipeline shares: never disposed here
        Clock clock = source.getClock();
        if (clock == null) {
            return !started; // not yet playing, or no longer
        }
        long base = source.getBaseTime();
        long presentation;
        long decode;
        if (clock.equals(due.clock())) {
            presentation = runningTime(due.presentation(), base);
            decode = runningTime(due.decode(), base); // what the pipeline's sinks send by, when known
        } else {
            // a clock of its own, whose times mean nothing here: stamped on arrival, in decode order
            presentation = clock.getTime() - base;
            decode = presentation;
        }
        if (presentation == ClockTime.NONE) {
            return true; // due before this pipeline started
        }
        Buffer stamped = frame.copy(); // the frame's metadata only; the data is shared
        stamped.setPresentationTimestamp(presentation);
        stamped.setDecodeTimestamp(decode);
        stamped.unsetFlags(EnumSet.of(BufferFlags.DISCONT)); // the rewind is the recording's, not the stream's
        FlowReturn sent = source.pushBuffer(stamped); // takes the copy
        if (sent == FlowReturn.OK) {
            started = true;
            return true;
        }
        // FLUSHING before the first frame went through is a pipeline still starting
        return !started && sent == FlowReturn.FLUSHING;
    }

    private static long runningTime(long time, long base) {
        return time == ClockTime.NONE || time < base ? ClockTime.NONE : time - base;
    }

    /** Releases the appsrc; gst-rtsp-server owns the pipeline itself. */
    @Override
    public void close() {
        source.dispose();
    }
}
