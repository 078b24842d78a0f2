package io.vigil.gstreamer.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** Reference counting of GObjects ({@code libgobject-2.0.so.0}). */
public interface GObjectLibrary extends Library {

    String SONAME = "libgobject-2.0.so.0";

    Pointer g_object_ref(Pointer object);

    void g_object_unref(Pointer object);
}
