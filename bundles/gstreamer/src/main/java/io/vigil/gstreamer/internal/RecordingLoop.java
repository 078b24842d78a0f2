package io.vigil.gstreamer.internal;

import com.sun.jna.Pointer;
import io.vigil.api.media.MediaException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.elements.AppSrc;
import org.freedesktop.gstreamer.glib.Natives;

/**
 * Plays a recording over and over, in real time, as it was encoded, and hands every frame to the
 * pipeline gst-rtsp-server currently runs for the mount, if any: it pushes them into that
 * pipeline's appsrc through a {@link MediaFeed}. Nothing is decoded or encoded, so a mount costs
 * little more than reading the file, however many mounts a bench serves.
 *
 * <p>The frames are paced here, on a {@link RecordingTimeline}, not by the appsink's clock: after
 * each rewind the appsink hands over the first frames at once, while it prerolls.
 *
 * <p>gst-rtsp-server builds the mount's pipeline on its own thread ({@link #attach}); frames
 * arrive on this pipeline's streaming thread, which alone sends them, so a feed is never used
 * by two threads at once.
 */
final class RecordingLoop implements AutoCloseable {

    /** The appsink of {@link LaunchDescription#recordingFeed}. */
    static final String SINK_NAME = "frames";
    /** The appsrc of {@link LaunchDescription#recording}. */
    static final String SOURCE_NAME = "recording";

    private final LoopedPipeline pipeline;
    private final GstCoreLibrary gst;
    private final RecordingTimeline timeline;
    // the feed gst-rtsp-server's thread has handed over and the streaming thread not yet taken
    private MediaFeed next; // guarded by this
    private boolean closed; // guarded by this
    // the streaming thread's, and close's once that thread has stopped
    private volatile MediaFeed current;

    private RecordingLoop(LoopedPipeline pipeline, GstCoreLibrary gst, RecordingTimeline timeline) {
        this.pipeline = pipeline;
        this.gst = gst;
        this.timeline = timeline;
    }

    /**
     * Starts looping the recording, and returns once it plays.
     *
     * @throws MediaException when GStreamer cannot play it, with its reason
     */
    static RecordingLoop start(RecordedVideo video, GstCoreLibrary gst) throws MediaException {
        LaunchDescription feed = LaunchDescription.recordingFeed(video.file(), video.codec());
        LoopedPipeline pipeline = LoopedPipeline.build(feed, "vigil-recording-loop-" + video.file().getFileName());
        // a pipeline has a clock before it plays; without clock providers, the system clock every pipeline shares
        RecordingLoop loop = new RecordingLoop(pipeline, gst, new RecordingTimeline(pipeline.pipeline().getClock(),
                video.reorder()));
        AppSink frames = (AppSink) pipeline.pipeline().getElementByName(SINK_NAME);
        frames.connect((AppSink.NEW_SAMPLE) loop::send);
        pipeline.play("recording " + video.file(), loop::awaitEndOfPass);
        return loop;
    }

    /**
     * Sends the frames from now on to {@code media}, a pipeline gst-rtsp-server has just built
     * for the mount, instead of to the one before.
     */
    void attach(Bin media) {
        Element element = media.getElementByName(SOURCE_NAME);
        if (!(element instanceof AppSrc source)) {
            if (element != null) {
                element.dispose();
            }
            return;
        }
        MediaFeed replaced;
        synchronized (this) {
            if (closed) {
                source.dispose();
                return;
            }
            replaced = next;
            next = new MediaFeed(source);
        }
        if (replaced != null) {
            replaced.close(); // never sent to: the streaming thread has not seen it
        }
    }

    /**
     * On the streaming thread, as fast as the file is read: each frame waits here until it is due,
     * which paces the reading too. Once closing, it returns FLUSHING, which stops the streaming.
     */
    private FlowReturn send(AppSink sink) {
        Sample sample = sink.pullSample();
        if (sample == null) {
            return FlowReturn.OK;
        }
        try {
            Buffer frame = sample.getBuffer();
            try {
                DueTime due = due(sample, frame);
                if (!awaitSending(due)) {
                    return FlowReturn.FLUSHING;
                }
                deliver(frame, due);
            } finally {
                frame.dispose();
            }
        } catch (RuntimeException e) {
            // on GStreamer's thread, with nobody to tell: this frame is lost, the next one is sent
        } finally {
            sample.dispose();
        }
        return FlowReturn.OK;
    }

    /** When {@code frame} is due on the recording's timeline, from its running time in the sample's segment. */
    private DueTime due(Sample sample, Buffer frame) {
        Pointer segment = gst.gst_sample_get_segment(Natives.getRawPointer(sample));
        long presentation = frame.getPresentationTimestamp();
        long decode = frame.getDecodeTimestamp();
        long running = presentation == ClockTime.NONE ? ClockTime.NONE
                : gst.gst_segment_to_running_time(segment, GstCoreLibrary.FORMAT_TIME, presentation);
        // decoding times before the segment have no running time: their distance to presentation still holds
        long reorder = presentation == ClockTime.NONE || decode == ClockTime.NONE || decode > presentation
                ? ClockTime.NONE : presentation - decode;
        return timeline.due(running, frame.getDuration(), reorder);
    }

    /** Waits until the frame is to be sent; false when the loop is closing instead. */
    private synchronized boolean awaitSending(DueTime due) {
        try {
            while (!closed) {
                long left = due.send() == ClockTime.NONE ? 0 : due.send() - timeline.now();
                if (left <= 0) {
                    return true;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void awaitEndOfPass() {
        try {
            timeline.awaitEndOfPass();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the seek that follows does nothing
        }
    }

    /** Hands {@code frame} to the pipeline gst-rtsp-server built last, if it still runs. */
    private void deliver(Buffer frame, DueTime due) {
        MediaFeed fresh;
        synchronized (this) {
            if (closed) {
                return;
            }
            fresh = next;
            next = null;
        }
        MediaFeed feed = current;
        if (fresh != null) {
            if (feed != null) {
                feed.close();
            }
            feed = fresh;
        }
        if (feed != null && !feed.send(frame, due)) {
            feed.close();
            feed = null;
        }
        current = feed;
    }

    /** The element factories playing the recording now, parsebin's children included. */
    Set<String> factoriesInUse() {
        Set<String> factories = new LinkedHashSet<>();
        for (Element element : pipeline.pipeline().getElementsRecursive()) {
            factories.add(element.getFactory().getName());
        }
        return factories;
    }

    /** Stops the recording and lets go of the mount's pipeline; safe to call more than once. */
    @Override
    public void close() {
        MediaFeed pending;
        synchronized (this) {
            closed = true; // first: a frame waiting to be due stops waiting, and nothing more is sent
            notifyAll();
            pending = next;
            next = null;
        }
        if (pending != null) {
            pending.close();
        }
        pipeline.close(); // its streaming thread has stopped when this returns
        MediaFeed feed = current;
        current = null;
        if (feed != null) {
            feed.close();
        }
    }
}
