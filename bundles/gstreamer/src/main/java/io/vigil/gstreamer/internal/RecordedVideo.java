package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.VideoCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.ClockTime;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.elements.AppSink;

/**
 * What a recording holds, found when it is mounted by letting parsebin open the file: it demuxes
 * and parses but never decodes, so it names the streams the file holds as recorded. Only H.264
 * and H.265 are served as recorded; anything else is refused before a client could ask for it.
 * Its first frames tell how far B-frames reorder it, which a Matroska file does not say.
 *
 * @param file an existing, absolute path
 * @param codec the codec of its first H.264 or H.265 video stream
 * @param reorder how much earlier, at most, a frame is shown than one sent before it, among the
 *        file's first frames (nanoseconds; 0 without B-frames)
 */
record RecordedVideo(Path file, VideoCodec codec, long reorder) {

    private static final long PROBE_SECONDS = 10;
    private static final int PROBE_FRAMES = 120;
    private static final long STREAMS_MILLIS = 200;
    private static final Set<String> SERVED = Set.of("video/x-h264", "video/x-h265");

    /**
     * Opens {@code file} (an existing, absolute path), names its codec and reads its first frames.
     *
     * @throws MediaException when GStreamer cannot read it or it holds no H.264 or H.265 video
     */
    static RecordedVideo probe(Path file) throws MediaException {
        LaunchCheck.requireElements(Set.of("filesrc", "parsebin", "appsink", "fakesink"));
        Pipeline pipeline = (Pipeline) Gst.parseLaunch("filesrc location="
                + LaunchDescription.quoted("recording", file.toString()) + " ! parsebin name=streams");
        List<String> streams = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        List<Long> presentations = new CopyOnWriteArrayList<>();
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch served = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        // parsebin adds every stream's pad at once, before any data flows: the first served stream
        // is read by an appsink, any other goes to a fakesink, so nothing fails for want of a reader
        pipeline.getElementByName("streams").connect((Element.PAD_ADDED) (element, pad) -> {
            String stream = mediaType(pad);
            streams.add(stream);
            try {
                boolean first = SERVED.contains(stream) && served.getCount() > 0;
                Element sink = first ? frameReader(presentations, read) : ElementFactory.make("fakesink", null);
                pipeline.add(sink);
                sink.syncStateWithParent();
                pad.link(sink.getStaticPad("sink"));
                if (first) {
                    served.countDown();
                }
            } catch (RuntimeException e) { // on GStreamer's thread: reported, not thrown
                errors.add("cannot read its " + stream + " stream: " + e.getMessage());
            }
            opened.countDown();
        });
        pipeline.getBus().connect((Bus.EOS) source -> read.countDown());
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> {
            errors.add(message);
            opened.countDown();
            read.countDown();
        });
        try {
            boolean started = pipeline.play() != StateChangeReturn.FAILURE
                    && opened.await(PROBE_SECONDS, TimeUnit.SECONDS);
            if (streams.isEmpty()) {
                throw new MediaException("GStreamer cannot read recording " + file + ": " + (!started
                        ? "it did not open within " + PROBE_SECONDS + " s" : String.join("; ", errors)));
            }
            served.await(STREAMS_MILLIS, TimeUnit.MILLISECONDS); // the other streams' pads follow at once
            VideoCodec codec = served(streams, file);
            if (!read.await(PROBE_SECONDS, TimeUnit.SECONDS) || presentations.isEmpty()) {
                throw new MediaException("GStreamer cannot read the video of recording " + file + ": "
                        + (errors.isEmpty() ? "no frame within " + PROBE_SECONDS + " s" : String.join("; ", errors)));
            }
            return new RecordedVideo(file, codec, reorder(presentations));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while opening recording " + file, e);
        } finally {
            pipeline.setState(State.NULL);
            pipeline.dispose();
        }
    }

    /** An appsink noting the first frames' presentation times, then ending the stream. */
    private static AppSink frameReader(List<Long> presentations, CountDownLatch read) {
        AppSink sink = (AppSink) ElementFactory.make("appsink", null);
        sink.set("sync", false);
        sink.set("emit-signals", true);
        sink.connect((AppSink.NEW_SAMPLE) appSink -> {
            Sample sample = appSink.pullSample();
            if (sample != null) {
                Buffer frame = sample.getBuffer();
                presentations.add(frame.getPresentationTimestamp());
                frame.dispose();
                sample.dispose();
            }
            if (presentations.size() >= PROBE_FRAMES) {
                read.countDown();
                return FlowReturn.EOS;
            }
            return FlowReturn.OK;
        });
        return sink;
    }

    /** The longest a frame is shown before one sent ahead of it, in frames sent in decoding order. */
    static long reorder(List<Long> presentations) {
        long latest = Long.MIN_VALUE;
        long reorder = 0;
        for (long presentation : presentations) {
            if (presentation == ClockTime.NONE) {
                continue;
            }
            if (latest > presentation) {
                reorder = Math.max(reorder, latest - presentation);
            }
            latest = Math.max(latest, presentation);
        }
        return reorder;
    }

    private static VideoCodec served(List<String> streams, Path file) throws MediaException {
        for (String stream : streams) {
            if (SERVED.contains(stream)) {
                return stream.equals("video/x-h264") ? VideoCodec.H264 : VideoCodec.H265;
            }
        }
        throw new MediaException("recording " + file + " holds no H.264 or H.265 video (it holds "
                + (streams.isEmpty() ? "no stream GStreamer can parse" : String.join(", ", new ArrayList<>(streams)))
                + "); only those are served as recorded, serve other videos as a re-encoded file");
    }

    /** "video/x-h264", without the details. */
    private static String mediaType(Pad pad) {
        Caps caps = pad.getCurrentCaps();
        if (caps == null) {
            caps = pad.queryCaps(null);
        }
        return caps == null || caps.isEmpty() ? "unknown" : caps.getStructure(0).getName();
    }
}
