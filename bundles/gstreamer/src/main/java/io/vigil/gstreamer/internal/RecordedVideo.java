package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.VideoCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;

/**
 * The codec of a recording, found when it is mounted by letting parsebin open the file: it
 * demuxes and parses but never decodes, so it names what the file holds as recorded. Only H.264
 * and H.265 are served as recorded; anything else is refused before a client could ask for it.
 *
 * @param file an existing, absolute path
 * @param codec the codec of its first H.264 or H.265 video stream
 */
record RecordedVideo(Path file, VideoCodec codec) {

    private static final long PROBE_SECONDS = 10;
    private static final Set<String> SERVED = Set.of("video/x-h264", "video/x-h265");

    /**
     * Opens {@code file} (an existing, absolute path) and names its codec.
     *
     * @throws MediaException when GStreamer cannot read it or it holds no H.264 or H.265 video
     */
    static RecordedVideo probe(Path file) throws MediaException {
        LaunchCheck.requireElements(Set.of("filesrc", "parsebin", "fakesink"));
        Pipeline pipeline = (Pipeline) Gst.parseLaunch("filesrc location="
                + LaunchDescription.quoted("recording", file.toString()) + " ! parsebin name=streams");
        List<String> streams = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> errors.add(message));
        // every stream parsebin finds goes to a fakesink of its own, so that the pipeline prerolls
        pipeline.getElementByName("streams").connect((Element.PAD_ADDED) (element, pad) -> {
            streams.add(mediaType(pad));
            try {
                Element sink = ElementFactory.make("fakesink", null);
                pipeline.add(sink);
                sink.syncStateWithParent();
                pad.link(sink.getStaticPad("sink"));
            } catch (RuntimeException e) { // on GStreamer's thread: reported, not thrown
                errors.add("cannot read its " + mediaType(pad) + " stream: " + e.getMessage());
            }
        });
        try {
            prerolled(pipeline, errors, file);
            return new RecordedVideo(file, served(streams, file));
        } finally {
            pipeline.setState(State.NULL);
            pipeline.dispose();
        }
    }

    private static void prerolled(Pipeline pipeline, List<String> errors, Path file) throws MediaException {
        StateChangeReturn started = pipeline.pause();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
        while (started != StateChangeReturn.FAILURE && errors.isEmpty() && System.nanoTime() < deadline) {
            if (pipeline.getState(100, TimeUnit.MILLISECONDS) == State.PAUSED) {
                return;
            }
        }
        throw new MediaException("GStreamer cannot read recording " + file + ": "
                + (errors.isEmpty() ? "it did not open within " + PROBE_SECONDS + " s" : String.join("; ", errors)));
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
