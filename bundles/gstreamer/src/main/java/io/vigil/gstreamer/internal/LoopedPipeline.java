package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.event.SeekFlags;

/**
 * A pipeline that plays a file over and over, in real time, from mount to close, as a camera
 * runs whether anyone watches or not: at each end of the file it seeks back to the start.
 * gst-rtsp-server builds a mount's pipeline only while someone watches and cannot seek a live
 * one, so a looping file plays in a pipeline of its own, which the mount's pipeline reads from.
 */
final class LoopedPipeline implements AutoCloseable {

    private static final long START_SECONDS = 10;

    private final Pipeline pipeline;
    private volatile Runnable beforeRewind = () -> { }; // set by play
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    // Bus messages arrive on a streaming thread, which a seek from that same thread would deadlock.
    private final ExecutorService rewinder;

    private LoopedPipeline(Pipeline pipeline, String threadName) {
        this.pipeline = pipeline;
        this.rewinder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Builds the pipeline, not yet playing, so that its elements can be connected first.
     *
     * @param threadName names the thread that rewinds it, e.g. after the file
     */
    static LoopedPipeline build(LaunchDescription launch, String threadName) throws MediaException {
        LaunchCheck.requireElements(launch.elements());
        LoopedPipeline loop = new LoopedPipeline((Pipeline) Gst.parseLaunch(launch.pipeline()), threadName);
        loop.pipeline.getBus().connect((Bus.EOS) source -> loop.rewinder.execute(loop::rewind));
        loop.pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> loop.errors.add(message));
        return loop;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Starts playing and returns once it plays; closes the pipeline when it cannot.
     *
     * @param what the file, in an administrator's words, e.g. "video file /videos/lobby.mp4"
     * @param beforeRewind runs on the rewinding thread at each end of the file, before it seeks
     *        back; it may wait, e.g. for the last frame's time to be over
     * @throws MediaException when GStreamer cannot play it, with its reason
     */
    void play(String what, Runnable beforeRewind) throws MediaException {
        this.beforeRewind = beforeRewind;
        try {
            StateChangeReturn started = pipeline.play();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (started != StateChangeReturn.FAILURE && errors.isEmpty() && System.nanoTime() < deadline) {
                if (pipeline.getState(100, TimeUnit.MILLISECONDS) == State.PLAYING) {
                    return;
                }
            }
            throw new MediaException("GStreamer cannot play " + what + ": "
                    + (errors.isEmpty() ? "it did not start within " + START_SECONDS + " s"
                            : String.join("; ", errors)));
        } catch (MediaException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void rewind() {
        beforeRewind.run();
        pipeline.seekSimple(Format.TIME, EnumSet.of(SeekFlags.FLUSH, SeekFlags.KEY_UNIT), 0);
    }

    /** Stops the pipeline and its streaming threads; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pipeline.setState(State.NULL); // first: an end of stream arriving now still finds the rewinder
        rewinder.shutdownNow();
        try {
            rewinder.awaitTermination(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pipeline.dispose();
    }
}
