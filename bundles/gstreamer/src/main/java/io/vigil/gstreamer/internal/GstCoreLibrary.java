package io.vigil.gstreamer.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * GStreamer core functions the RTSP binding needs ({@code libgstreamer-1.0.so.0}): tokens and
 * permissions are mini objects whose own unref functions are inline in the headers.
 */
public interface GstCoreLibrary extends Library {

    String SONAME = "libgstreamer-1.0.so.0";

    void gst_mini_object_unref(Pointer miniObject);
}
