package io.vigil.gstreamer.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** Reference counting and signals of GObjects ({@code libgobject-2.0.so.0}). */
public interface GObjectLibrary extends Library {

    String SONAME = "libgobject-2.0.so.0";

    Pointer g_object_ref(Pointer object);

    void g_object_unref(Pointer object);

    /**
     * Connects {@code handler} to {@code signal}, declared once per handler type Vigil connects.
     * Returns the handler's id (a gulong).
     */
    NativeLong g_signal_connect_data(Pointer instance, String signal, RtspServerLibrary.MediaConfigureFunc handler,
            Pointer data, Pointer destroyData, int flags);

    /** As above, for signals carrying one object. */
    NativeLong g_signal_connect_data(Pointer instance, String signal, RtspServerLibrary.ObjectSignalFunc handler,
            Pointer data, Pointer destroyData, int flags);

    /** As above, for a client's signals that carry its request's context and return a status code. */
    NativeLong g_signal_connect_data(Pointer instance, String signal, RtspServerLibrary.ContextStatusFunc handler,
            Pointer data, Pointer destroyData, int flags);

    /** As above, for a client's send-message signal. */
    NativeLong g_signal_connect_data(Pointer instance, String signal, RtspServerLibrary.SendMessageFunc handler,
            Pointer data, Pointer destroyData, int flags);

    /** As above, for a client's closed signal. */
    NativeLong g_signal_connect_data(Pointer instance, String signal, RtspServerLibrary.ClientClosedFunc handler,
            Pointer data, Pointer destroyData, int flags);

    /** G_SIGNAL_MATCH_FUNC: handlers whose C function is the one given. */
    int G_SIGNAL_MATCH_FUNC = 1 << 3;

    /** Disconnects the instance's handlers matching {@code mask}; returns how many. */
    int g_signal_handlers_disconnect_matched(Pointer instance, int mask, int signalId, int detail, Pointer closure,
            RtspServerLibrary.ClientClosedFunc func, Pointer data);

    void g_signal_handler_disconnect(Pointer instance, NativeLong handlerId);
}
