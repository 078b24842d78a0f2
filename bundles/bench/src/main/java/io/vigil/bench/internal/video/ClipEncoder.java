package io.vigil.bench.internal.video;

import io.vigil.api.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;

/**
 * Encodes a benchmark's clip once: runs a launch description that ends in a filesink writing
 * {@code partial} to its end, then moves it to {@code clip}, so an interrupted run never leaves a
 * half clip under the name later runs reuse.
 */
final class ClipEncoder {

    private ClipEncoder() {
    }

    static void encode(String launch, Path partial, Path clip, String what) throws IOException, MediaException {
        Pipeline encoder = (Pipeline) Gst.parseLaunch(launch);
        try {
            Bus bus = encoder.getBus();
            CountDownLatch done = new CountDownLatch(1);
            StringBuilder error = new StringBuilder();
            bus.connect((Bus.EOS) source -> done.countDown());
            bus.connect((Bus.ERROR) (source, code, message) -> {
                synchronized (error) {
                    error.append(message);
                }
                done.countDown();
            });
            encoder.play();
            boolean ended = done.await(10, TimeUnit.MINUTES);
            synchronized (error) {
                if (!ended || error.length() > 0) {
                    throw new MediaException("cannot encode the " + what + ": " + (ended ? error : "still encoding after 10 minutes"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while encoding the " + what, e);
        } finally {
            encoder.stop();
            encoder.dispose();
        }
        Files.move(partial, clip);
    }
}
