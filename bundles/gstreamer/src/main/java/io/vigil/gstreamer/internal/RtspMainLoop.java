package io.vigil.gstreamer.internal;

import com.sun.jna.Pointer;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A GLib main loop of one RTSP server's own, run on a named daemon thread. The listening socket
 * is served there (the clients on the server's pool threads); work on the server's lists of
 * clients and mounts is handed to it with {@link #call}, so it never races with new connections.
 */
final class RtspMainLoop implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final GLibLibrary glib;
    private final Pointer context;
    private final Pointer loop;
    private final Queue<FutureTask<?>> pending = new ConcurrentLinkedQueue<>();
    // A field, not a lambda per call: GLib keeps only a pointer to it until the idle source runs.
    private final GLibLibrary.SourceFunc runPending = data -> {
        for (FutureTask<?> task = pending.poll(); task != null; task = pending.poll()) {
            task.run();
        }
        return 0;
    };
    private volatile Thread thread;

    RtspMainLoop(GLibLibrary glib) {
        this.glib = glib;
        this.context = glib.g_main_context_new();
        this.loop = glib.g_main_loop_new(context, 0);
    }

    Pointer context() {
        return context;
    }

    void start(String threadName) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        // Clients attach to the context their listening source runs in; making it the thread's
        // default as well keeps anything gst-rtsp-server creates on this thread in our loop.
        glib.g_main_context_push_thread_default(context);
        try {
            glib.g_main_loop_run(loop);
        } finally {
            glib.g_main_context_pop_thread_default(context);
        }
    }

    /** Runs {@code work} on the loop's thread and waits for it, at most ten seconds. */
    <T> T call(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        if (Thread.currentThread() == thread) {
            task.run();
        } else {
            pending.add(task);
            glib.g_main_context_invoke(context, runPending, null);
        }
        try {
            return task.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the RTSP server thread", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the RTSP server thread did not answer within " + WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops the loop and waits for its thread. The quit is sent through the loop itself: a quit
     * sent before {@code g_main_loop_run} has started would be lost and the thread would run on.
     */
    @Override
    public void close() {
        if (thread != null) {
            call(() -> {
                glib.g_main_loop_quit(loop);
                return null;
            });
            if (Thread.currentThread() == thread) {
                return; // the loop ends when this callback returns; its memory must outlive it
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                return; // still inside GLib: leaking the loop is safer than freeing it under it
            }
        }
        glib.g_main_loop_unref(loop);
        glib.g_main_context_unref(context);
    }
}
