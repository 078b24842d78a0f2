package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
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
 * Plays a video file over and over, in real time, into an intervideosink channel, decoded and
 * fitted to the stream's format; the mount's pipeline reads the channel with the live
 * intervideosrc. gst-rtsp-server builds a mount's pipeline only while someone watches and cannot
 * seek a live one, so the loop lives in a pipeline of its own that runs from mount to close, as a
 * camera runs whether anyone watches or not.
 */
final class FileLoop implements AutoCloseable {

    private static final long START_SECONDS = 10;

    private final Pipeline pipeline;
    private final String channel;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    // Bus messages arrive on a streaming thread, which a seek from that same thread would deadlock.
    private final ExecutorService rewinder;

    private FileLoop(Pipeline pipeline, String channel, Path file) {
        this.pipeline = pipeline;
        this.channel = channel;
        this.rewinder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "vigil-file-loop-" + file.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts looping {@code file} (an existing, absolute path), and returns once it plays.
     *
     * @throws MediaException when GStreamer cannot play the file, with its reason
     */
    static FileLoop start(Path file, VideoFormat format) throws MediaException {
        String channel = "vigil-" + UUID.randomUUID();
        LaunchDescription feed = LaunchDescription.fileFeed(file, format, channel);
        LaunchCheck.requireElements(feed.elements());
        FileLoop loop = new FileLoop((Pipeline) Gst.parseLaunch(feed.pipeline()), channel, file);
        loop.pipeline.getBus().connect((Bus.EOS) source -> loop.rewinder.execute(loop::rewind));
        loop.pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> loop.errors.add(message));
        try {
            loop.awaitPlaying(file);
            return loop;
        } catch (MediaException | RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    private void awaitPlaying(Path file) throws MediaException {
        StateChangeReturn started = pipeline.play();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (started != StateChangeReturn.FAILURE && errors.isEmpty() && System.nanoTime() < deadline) {
            if (pipeline.getState(100, TimeUnit.MILLISECONDS) == State.PLAYING) {
                return;
            }
        }
        throw new MediaException("GStreamer cannot play video file " + file + ": "
                + (errors.isEmpty() ? "it did not start within " + START_SECONDS + " s" : String.join("; ", errors)));
    }

    private void rewind() {
        pipeline.seekSimple(Format.TIME, EnumSet.of(SeekFlags.FLUSH, SeekFlags.KEY_UNIT), 0);
    }

    /** The intervideo channel the frames go to. */
    String channel() {
        return channel;
    }

    /** Stops the pipeline; safe to call more than once. */
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
