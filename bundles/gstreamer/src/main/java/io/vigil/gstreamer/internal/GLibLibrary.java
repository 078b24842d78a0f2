package io.vigil.gstreamer.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The GLib main-loop, source and memory functions the RTSP server needs ({@code libglib-2.0.so.0}). */
public interface GLibLibrary extends Library {

    String SONAME = "libglib-2.0.so.0";

    /** GSourceFunc: returns TRUE to be called again. */
    /** GLogFunc. */
    interface LogFunc extends Callback {
        void invoke(String domain, int level, String message, Pointer userData);
    }

    int G_LOG_FLAG_RECURSION = 1;
    int G_LOG_FLAG_FATAL = 1 << 1;
    int G_LOG_LEVEL_CRITICAL = 1 << 3;
    int G_LOG_LEVEL_WARNING = 1 << 4;

    int g_log_set_handler(String domain, int levels, LogFunc handler, Pointer userData);

    void g_log_remove_handler(String domain, int handlerId);

    void g_log_default_handler(String domain, int level, String message, Pointer userData);

    interface SourceFunc extends Callback {
        int invoke(Pointer userData);
    }

    Pointer g_main_context_new();

    Pointer g_main_context_ref(Pointer context);

    void g_main_context_unref(Pointer context);

    /** The source being dispatched on the calling thread, or NULL outside a dispatch. */
    Pointer g_main_current_source();

    /** The context {@code source} is attached to (transfer none), or NULL. */
    Pointer g_source_get_context(Pointer source);

    /** Makes the context's loop prepare its sources again, so they recompute their timeouts. */
    void g_main_context_wakeup(Pointer context);

    void g_main_context_push_thread_default(Pointer context);

    void g_main_context_pop_thread_default(Pointer context);

    /** Runs {@code function} in {@code context}: at once on its owner thread, else from an idle source. */
    void g_main_context_invoke(Pointer context, SourceFunc function, Pointer data);

    Pointer g_main_loop_new(Pointer context, int isRunning);

    void g_main_loop_run(Pointer loop);

    void g_main_loop_quit(Pointer loop);

    void g_main_loop_unref(Pointer loop);

    int g_source_attach(Pointer source, Pointer context);

    void g_source_destroy(Pointer source);

    void g_source_unref(Pointer source);

    /**
     * Declared as GSourceFunc in C; a source calls it back with its own signature, which for the
     * only source Vigil sets a callback on, a session pool's watch, is GstRTSPSessionPoolFunc.
     */
    void g_source_set_callback(Pointer source, RtspServerLibrary.SessionPoolFunc function, Pointer data,
            Pointer notify);

    void g_free(Pointer memory);

    void g_list_free(Pointer list);

    void g_error_free(Pointer error);
}
