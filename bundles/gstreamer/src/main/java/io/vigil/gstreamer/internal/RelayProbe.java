package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.VideoCodec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;

/**
 * What a camera's stream really carries, read from what arrives: rtspsrc ! parsebin ! fakesink,
 * played until the parsed caps reach the sink. A camera's profile names an encoding, but cameras
 * (and Vigil's own simulator did) may send another; a relay built from the label cannot link and
 * every client of the restream gets 503. So the relay is built from this instead.
 */
final class RelayProbe {

    /** How long a camera may take to answer and send its first parsed frame. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RelayProbe() {
    }

    /**
     * @throws MediaException the camera cannot be played (no answer, refused login: the reason as
     *         rtspsrc gives it) or sends something other than H.264 or H.265
     */
    static VideoCodec codec(URI uri, Optional<RtspCredentials> login) throws MediaException {
        GStreamerInit.ensureInitialised();
        Pipeline pipeline = (Pipeline) Gst.parseLaunch("rtspsrc name=src protocols=tcp latency=0 ! parsebin"
                + " ! fakesink name=sink sync=false async=false");
        List<String> errors = new CopyOnWriteArrayList<>();
        try {
            Element source = pipeline.getElementByName("src");
            source.set("location", uri.toString());
            if (login.isPresent()) {
                source.set("user-id", login.get().user());
                source.set("user-pw", new String(login.get().password()));
            }
            pipeline.getBus().connect((Bus.ERROR) (object, code, message) -> errors.add(message));
            Pad sink = pipeline.getElementByName("sink").getStaticPad("sink");
            pipeline.play();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!errors.isEmpty()) {
                    throw new MediaException("the camera's stream cannot be relayed: " + errors.get(0));
                }
                Caps caps = sink.getCurrentCaps();
                if (caps != null && caps.size() > 0) {
                    String media = caps.getStructure(0).getName();
                    return switch (media) {
                        case "video/x-h264" -> VideoCodec.H264;
                        case "video/x-h265" -> VideoCodec.H265;
                        default -> throw new MediaException("the camera sends " + media
                                + ", which is not relayed: only H.264 and H.265 are");
                    };
                }
                Thread.sleep(20);
            }
            throw new MediaException("the camera's stream sent no video within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while reading what the camera sends", e);
        } finally {
            pipeline.setState(State.NULL);
            pipeline.dispose();
        }
    }
}
