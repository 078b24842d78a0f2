package io.vigil.gstreamer.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * GStreamer core functions gst1-java-core does not bind ({@code libgstreamer-1.0.so.0}): the
 * RTSP binding's tokens and permissions are mini objects whose own unref functions are inline in
 * the headers, and a recording's loop needs its frames' running time, from their sample's segment.
 */
public interface GstCoreLibrary extends Library {

    String SONAME = "libgstreamer-1.0.so.0";

    /** GstFormat GST_FORMAT_TIME */
    int FORMAT_TIME = 3;

    void gst_mini_object_unref(Pointer miniObject);

    /** The segment of the sample's buffer (transfer none: valid while the sample is). */
    Pointer gst_sample_get_segment(Pointer sample);

    /** The running time of {@code position} in {@code segment}, or -1 (GST_CLOCK_TIME_NONE) outside it. */
    long gst_segment_to_running_time(Pointer segment, int format, long position);
}
