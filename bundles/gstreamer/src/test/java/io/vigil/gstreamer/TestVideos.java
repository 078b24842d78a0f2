package io.vigil.gstreamer;

import io.vigil.gstreamer.internal.GStreamerInit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;

/** Short media files written by GStreamer for tests: a moving ball at ten frames a second. */
public final class TestVideos {

    private TestVideos() {
    }

    /**
     * Writes {@code seconds} of a {@code width} x {@code height} moving ball (4:2:0, as cameras
     * send) through {@code encodeAndMux}, e.g. "x264enc ! matroskamux".
     */
    public static Path write(Path file, int seconds, int width, int height, String encodeAndMux)
            throws IOException, InterruptedException {
        return run(file, "videotestsrc num-buffers=" + (10 * seconds) + " pattern=ball ! video/x-raw,format=I420,width="
                + width + ",height=" + height + ",framerate=10/1 ! " + encodeAndMux);
    }

    /** Writes a second of a tone through {@code encodeAndMux}, e.g. "wavenc". */
    public static Path writeSound(Path file, String encodeAndMux) throws IOException, InterruptedException {
        return run(file, "audiotestsrc num-buffers=10 samplesperbuffer=4410 ! " + encodeAndMux);
    }

    /** Tells pictures apart: equal pictures have equal sums, different ones almost never. */
    public static long checksum(ByteBuffer pixels) {
        long sum = 0;
        for (int i = 0; i < pixels.limit(); i += 7) {
            sum = sum * 31 + pixels.get(i);
        }
        return sum;
    }

    private static Path run(Path file, String description) throws IOException, InterruptedException {
        GStreamerInit.ensureInitialised();
        Pipeline pipeline = (Pipeline) Gst.parseLaunch(description + " ! filesink name=out");
        pipeline.getElementByName("out").set("location", file.toString());
        CountDownLatch done = new CountDownLatch(1);
        List<String> errors = new CopyOnWriteArrayList<>();
        pipeline.getBus().connect((Bus.EOS) source -> done.countDown());
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> {
            errors.add(message);
            done.countDown();
        });
        try {
            pipeline.play();
            if (!done.await(20, TimeUnit.SECONDS)) {
                throw new IOException("writing " + file + " did not finish within 20 s");
            }
        } finally {
            pipeline.setState(State.NULL);
            pipeline.dispose();
        }
        if (!errors.isEmpty() || Files.size(file) == 0) {
            throw new IOException("cannot write " + file + ": " + errors);
        }
        return file;
    }
}
