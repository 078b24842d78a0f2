package io.vigil.gstreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recordings served as recorded by a real gst-rtsp-server on loopback, played by real rtspsrc clients. */
class RecordingMountTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration PLAYING = Duration.ofSeconds(15);
    private static final int CLIP_SECONDS = 3;

    @TempDir
    Path folder;

    /**
     * Played by a real client. Its timestamps are checked only without B-frames: with them,
     * rtspsrc's jitter buffer and the decoder make irregular ones of any camera's stream (a live
     * x265enc too). The recording's own times across the loop, B-frames included, are checked
     * where they are sent, in {@code RecordingLoopTest}.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a key frame a second
        "lobby.mkv | 320 | 240 | true  | x264enc key-int-max=10 bframes=0 ! matroskamux",
        "gate.mp4  | 352 | 288 | false | x265enc key-int-max=10 ! h265parse ! mp4mux"})
    void aRecordingPlaysAtItsSizeAndLoopsAsOneLiveStream(String name, int width, int height, boolean timestamps,
            String encodeAndMux) throws Exception {
        Path clip = TestVideos.write(folder.resolve(name), CLIP_SECONDS, width, height, encodeAndMux);
        Set<Long> lateFrames = ConcurrentHashMap.newKeySet();
        AtomicInteger frames = new AtomicInteger();
        int afterTheClip = 10 * CLIP_SECONDS + 25; // ten frames a second: the clip has ended at least once by then
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount mount = server.mount("/recorded", new StreamSource.Recording(clip), Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri(), (w, h, stride, bgr) -> {
                if (frames.incrementAndGet() > afterTheClip - 15) {
                    lateFrames.add(TestVideos.checksum(bgr));
                }
            })) {
                assertTrue(client.awaitFrames(afterTheClip, PLAYING), client::describe);
                assertEquals(Set.of(width + "x" + height), client.sizes());
                assertFalse(client.ended(), client::describe);
                assertTrue(client.errors().isEmpty(), client::describe);
                if (timestamps) {
                    assertEquals(0, client.framesBackInTime(), client::describe);
                }
                assertTrue(lateFrames.size() > 5, "the ball stopped moving after the end of the recording: "
                        + lateFrames.size() + " different frames in the last 15");
            }
        }
    }

    @Test
    void twoClientsShareTheRecordingAndALateOneJoinsAtAKeyFrame() throws Exception {
        Path clip = TestVideos.write(folder.resolve("shared.mkv"), CLIP_SECONDS, 320, 240,
                "x264enc key-int-max=10 ! matroskamux");
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount mount = server.mount("/shared", new StreamSource.Recording(clip), Optional.empty());
            try (RtspTestClient first = RtspTestClient.play(mount.uri())) {
                assertTrue(first.awaitFrames(15, PLAYING), first::describe);
                try (RtspTestClient second = RtspTestClient.play(mount.uri())) {
                    assertTrue(second.awaitFrames(15, PLAYING), second::describe);
                    assertTrue(second.errors().isEmpty(), second::describe);
                }
                int before = first.frameCount();
                assertTrue(first.awaitFrames(before + 5, PLAYING), first::describe);
            }
            // after everyone left, the next client gets a pipeline of its own and frames again
            try (RtspTestClient again = RtspTestClient.play(mount.uri())) {
                assertTrue(again.awaitFrames(5, PLAYING), again::describe);
            }
        }
    }

    @Test
    void refusesWhatItCannotServeAsRecorded() throws Exception {
        Path missing = folder.resolve("missing.mkv");
        Path text = Files.writeString(folder.resolve("notes.mkv"), "not a recording");
        Path sound = TestVideos.writeSound(folder.resolve("tone.wav"), "wavenc");
        Path mjpeg = TestVideos.write(folder.resolve("mjpeg.avi"), 1, 320, 240, "jpegenc ! avimux");
        Path vp8 = TestVideos.write(folder.resolve("vp8.webm"), 1, 320, 240, "vp8enc deadline=1 ! webmmux");
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            assertRefused(server, missing, "recording " + missing + " does not exist");
            assertRefused(server, text, "GStreamer cannot read recording " + text);
            assertRefused(server, sound, "holds no H.264 or H.265 video (it holds audio/x-raw)");
            assertRefused(server, mjpeg, "holds no H.264 or H.265 video (it holds image/jpeg)");
            assertRefused(server, vp8, "holds no H.264 or H.265 video (it holds video/x-vp8)");

            // the path a refused recording asked for is still free
            Path good = TestVideos.write(folder.resolve("good.mkv"), 1, 320, 240, "x264enc ! matroskamux");
            RtspMount mount = server.mount("/rec", new StreamSource.Recording(good), Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri())) {
                assertTrue(client.awaitFrames(3, PLAYING), client::describe);
            }
        }
    }

    private static void assertRefused(GstRtspServer server, Path file, String reason) {
        MediaException e = assertThrows(MediaException.class,
                () -> server.mount("/rec", new StreamSource.Recording(file), Optional.empty()), file::toString);
        assertTrue(e.getMessage().contains(reason), () -> "'" + e.getMessage() + "' does not say " + reason);
    }
}
