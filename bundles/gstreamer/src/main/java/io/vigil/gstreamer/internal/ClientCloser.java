package io.vigil.gstreamer.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closes gst-rtsp-server's clients on the threads that serve them. The server hands each client to
 * a thread of its pool, and {@code gst_rtsp_client_close} called from any other thread can close
 * the connection while the client's watch is halfway through reading a request: GStreamer 1.22's
 * reader then loops for ever on the missing stream, logging "g_pollable_input_stream_read_nonblocking:
 * assertion 'G_IS_POLLABLE_INPUT_STREAM (stream)' failed" on every turn, a core busy for the rest of
 * the process's life (a relay's own rtspsrc, talking to its server as the server closed, did this).
 * gst-rtsp-server closes "in watch context" itself but gives no client's context away, so each one
 * is learnt from the client's first answer (its send-message signal runs inside the client's
 * dispatch, where the current source is the client's watch) and forgotten when the client closes.
 */
final class ClientCloser {

    private static final long WAIT_SECONDS = 10;

    private final RtspServerLibrary rtsp;
    private final GLibLibrary glib;
    private final GObjectLibrary gobject;
    /** Client address to the context serving it, each with a reference of ours. */
    private final Map<Long, Pointer> contexts = new ConcurrentHashMap<>();
    private final Map<Long, CountDownLatch> closing = new ConcurrentHashMap<>();

    // Fields, so they stay reachable while GLib holds pointers to them.
    private final RtspServerLibrary.SendMessageFunc learn = (client, context, message, data) -> learn(client);
    private final RtspServerLibrary.ClientClosedFunc forget = (client, data) -> forget(client);
    private final GLibLibrary.SourceFunc closeHere = client -> {
        closeOnThisThread(client);
        return 0;
    };

    ClientCloser(RtspNatives natives) {
        this.rtsp = natives.rtsp();
        this.glib = natives.glib();
        this.gobject = natives.gobject();
    }

    /** Follows a new client, from the server's client-connected signal. */
    void follow(Pointer client) {
        gobject.g_signal_connect_data(client, "send-message", learn, null, null, 0);
        gobject.g_signal_connect_data(client, "closed", forget, null, null, 0);
    }

    private void learn(Pointer client) {
        long key = Pointer.nativeValue(client);
        if (contexts.containsKey(key)) {
            return;
        }
        Pointer source = glib.g_main_current_source();
        Pointer context = source == null ? null : glib.g_source_get_context(source);
        if (context != null) {
            contexts.computeIfAbsent(key, k -> glib.g_main_context_ref(context));
        }
    }

    private void forget(Pointer client) {
        Pointer context = contexts.remove(Pointer.nativeValue(client));
        if (context != null) {
            glib.g_main_context_unref(context);
        }
    }

    /**
     * Closes every client of {@code clients} (a GList from a client filter's FILTER_REF: the list
     * and its references are released here) on its own thread, and waits for them, at most ten
     * seconds. A client never answered yet has no known thread and is closed on the caller's.
     */
    void close(Pointer clients) {
        List<Pointer> each = new ArrayList<>();
        for (Pointer node = clients; node != null; node = node.getPointer(Native.POINTER_SIZE)) {
            each.add(node.getPointer(0)); // GList { gpointer data; GList *next; GList *prev; }
        }
        if (clients != null) {
            glib.g_list_free(clients);
        }
        List<CountDownLatch> waits = new ArrayList<>();
        for (Pointer client : each) {
            long key = Pointer.nativeValue(client);
            // a reference of our own, taken atomically with respect to forget() on the client's thread
            Pointer context = contexts.computeIfPresent(key, (k, known) -> glib.g_main_context_ref(known));
            if (context == null) {
                closeOnThisThread(client);
                continue;
            }
            CountDownLatch closed = new CountDownLatch(1);
            closing.put(key, closed);
            waits.add(closed);
            glib.g_main_context_invoke(context, closeHere, client); // the client's reference goes with it
            glib.g_main_context_unref(context);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            for (CountDownLatch closed : waits) {
                closed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the client and releases the reference that came with it. */
    private void closeOnThisThread(Pointer client) {
        long key = Pointer.nativeValue(client);
        try {
            // The closed signal would call back into Java from inside this callback, on a thread JNA
            // attached only for it; JNA then fails to detach it ("JNA: could not detach thread").
            gobject.g_signal_handlers_disconnect_matched(client, GObjectLibrary.G_SIGNAL_MATCH_FUNC, 0, 0, null, forget,
                    null);
            rtsp.gst_rtsp_client_close(client);
        } finally {
            forget(client);
            gobject.g_object_unref(client);
            CountDownLatch closed = closing.remove(key);
            if (closed != null) {
                closed.countDown();
            }
        }
    }
}
