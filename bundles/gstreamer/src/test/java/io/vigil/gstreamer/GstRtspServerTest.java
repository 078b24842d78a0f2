package io.vigil.gstreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.internal.RtspServerOptions;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real gst-rtsp-server on loopback, played by real rtspsrc clients. */
class GstRtspServerTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration PLAYING = Duration.ofSeconds(15);
    private static final Duration DISCONNECTED = Duration.ofSeconds(5);
    private static final StreamSource SMALL_PATTERN = new StreamSource.TestPattern(VideoCodec.MJPEG, 160, 120, 10);
    private static final StreamSource.TestPattern SMALL_PATTERN_H264 =
            new StreamSource.TestPattern(VideoCodec.H264, 160, 120, 10);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void servesATestPatternInEveryCodec(VideoCodec codec) throws Exception {
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            assertTrue(server.port() > 0);
            RtspMount mount = server.mount("/pattern", new StreamSource.TestPattern(codec, 320, 240, 15),
                    Optional.empty());
            assertEquals(URI.create("rtsp://127.0.0.1:" + server.port() + "/pattern"), mount.uri());
            try (RtspTestClient client = RtspTestClient.play(mount.uri())) {
                assertTrue(client.awaitFrames(10, PLAYING), client::describe);
                assertEquals(Set.of("320x240"), client.sizes());
            }
        }
    }

    @Test
    void receiversOfALossyPatternKeepDecodingThroughTheDroppedFrames() throws Exception {
        int seconds = 5;
        AtomicLong firstFrame = new AtomicLong();
        AtomicIntegerArray framesPerSecond = new AtomicIntegerArray(seconds + 1);
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount mount = server.mount("/lossy", new StreamSource.Lossy(
                    new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10), 0.1), Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri(), (width, height, stride, bgr) -> {
                long now = System.nanoTime();
                firstFrame.compareAndSet(0, now);
                long second = TimeUnit.NANOSECONDS.toSeconds(now - firstFrame.get());
                if (second < framesPerSecond.length()) {
                    framesPerSecond.incrementAndGet((int) second);
                }
            })) {
                // counted from the first frame: a receiver that joins on a dropped key frame waits for the next
                assertTrue(client.awaitFrames(1, PLAYING), client::describe);
                assertTrue(client.awaitCondition(() -> framesPerSecond.get(seconds) > 0, PLAYING),
                        () -> client.describe() + ", frames per second " + framesPerSecond);
                for (int second = 0; second < seconds; second++) {
                    assertTrue(framesPerSecond.get(second) > 0,
                            "no frame in second " + second + ": " + framesPerSecond);
                }
                assertTrue(client.errors().isEmpty(), client::describe);
                assertEquals(Set.of("320x240"), client.sizes());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new StreamSource.Lossy(SMALL_PATTERN_H264, 0.6));
        assertThrows(IllegalArgumentException.class, () -> new StreamSource.Lossy(SMALL_PATTERN_H264, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new StreamSource.Lossy(SMALL_PATTERN_H264, Double.NaN));
    }

    @Test
    void stillPhotosAreLetterboxedToTheStreamSizeAndLoop() throws Exception {
        // a wide white photo gets bars above and below in 4:3, a tall red one bars left and right
        Path wide = photo("wide.jpg", 640, 360, Color.WHITE);
        Path tall = photo("tall.jpg", 200, 400, Color.RED);
        AtomicBoolean wideLetterboxed = new AtomicBoolean();
        AtomicBoolean tallPillarboxed = new AtomicBoolean();
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount mount = server.mount("/photos", new StreamSource.StillPhotos(List.of(wide, tall),
                    Duration.ofMillis(400), VideoCodec.MJPEG, 320, 240, 10), Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri(), (width, height, stride, bgr) -> {
                int[] centre = pixel(bgr, stride, width / 2, height / 2);
                if (isWhite(centre) && isBlack(pixel(bgr, stride, width / 2, 10))) {
                    wideLetterboxed.set(true); // 640x360 fills 320x180, 30 rows of black above
                }
                if (isRed(centre) && isBlack(pixel(bgr, stride, 20, height / 2))) {
                    tallPillarboxed.set(true); // 200x400 fills 120x240, 100 columns of black left
                }
            })) {
                assertTrue(client.awaitCondition(() -> wideLetterboxed.get() && tallPillarboxed.get(), PLAYING),
                        () -> client.describe() + ", wide seen letterboxed " + wideLetterboxed
                                + ", tall seen pillarboxed " + tallPillarboxed);
                assertEquals(Set.of("320x240"), client.sizes());
            }
        }
    }

    @Test
    void aMountWithCredentialsPlaysOnlyForItsUser() throws Exception {
        String password = "s3cret: \"pässwörd\"";
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount secured = server.mount("/secured", SMALL_PATTERN,
                    Optional.of(new RtspCredentials("viewer", password.toCharArray())));
            RtspMount open = server.mount("/open", SMALL_PATTERN, Optional.empty());

            try (RtspTestClient anonymous = RtspTestClient.play(secured.uri())) {
                assertTrue(anonymous.awaitError(PLAYING), anonymous::describe);
                assertTrue(anonymous.errors().toString().contains("Unauthorized"), anonymous::describe);
                assertEquals(0, anonymous.frameCount());
            }
            try (RtspTestClient wrong = RtspTestClient.play(secured.uri(), "viewer", "guess")) {
                assertTrue(wrong.awaitError(PLAYING), wrong::describe);
                assertTrue(wrong.errors().toString().contains("Unauthorized"), wrong::describe);
                assertEquals(0, wrong.frameCount());
            }
            try (RtspTestClient viewer = RtspTestClient.play(secured.uri(), "viewer", password)) {
                assertTrue(viewer.awaitFrames(5, PLAYING), viewer::describe);
            }
            // an open mount stays open beside it, with or without credentials
            try (RtspTestClient anyone = RtspTestClient.play(open.uri());
                    RtspTestClient viewer = RtspTestClient.play(open.uri(), "viewer", password)) {
                assertTrue(anyone.awaitFrames(5, PLAYING), anyone::describe);
                assertTrue(viewer.awaitFrames(5, PLAYING), viewer::describe);
            }
        }
    }

    @Test
    void aRelayRestreamsACameraUnderItsOwnLoginWithoutReEncoding() throws Exception {
        String cameraPassword = "camera-Pw-1";
        String vmsPassword = "vms-Rtsp-2";
        // the camera is another server (a server's own main loop answers its clients: preparing the
        // relay waits for the camera's answers, which must come from elsewhere, as in the field)
        try (GstRtspServer cameraServer = new GstRtspServer(LOOPBACK, 0); GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            // the camera, with its own login
            RtspMount camera = cameraServer.mount("/camera", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 10),
                    Optional.of(new RtspCredentials("admin", cameraPassword.toCharArray())));
            StreamSource.Relay relay = new StreamSource.Relay(camera.uri(),
                    Optional.of(new RtspCredentials("admin", cameraPassword.toCharArray())), VideoCodec.H264);
            assertTrue(!relay.toString().contains(cameraPassword) && !relay.toString().contains("/camera"), relay.toString());
            RtspMount restream = server.mount("/vigil/lobby", relay,
                    Optional.of(new RtspCredentials("vms", vmsPassword.toCharArray())));
            assertEquals(URI.create("rtsp://127.0.0.1:" + server.port() + "/vigil/lobby"), restream.uri());

            long start = System.nanoTime();
            try (RtspTestClient vms = RtspTestClient.play(restream.uri(), "vms", vmsPassword)) {
                assertTrue(vms.awaitFrames(10, PLAYING), vms::describe);
                System.out.printf("relay: first 10 frames through the restream in %d ms%n",
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
                assertEquals(Set.of("320x240"), vms.sizes());
            }
            // a camera served by the same server (the simulator in the container) relays too
            RtspMount local = server.mount("/local-camera", new StreamSource.TestPattern(VideoCodec.H264, 160, 120, 10), Optional.empty());
            RtspMount localRelay = server.mount("/vigil/local", new StreamSource.Relay(local.uri(), Optional.empty(), VideoCodec.H264),
                    Optional.of(new RtspCredentials("vms", vmsPassword.toCharArray())));
            try (RtspTestClient vms = RtspTestClient.play(localRelay.uri(), "vms", vmsPassword)) {
                assertTrue(vms.awaitFrames(5, PLAYING), vms::describe);
                assertEquals(Set.of("160x120"), vms.sizes());
            }
            for (String[] login : new String[][] {{null, null}, {"vms", "guess"}, {"admin", cameraPassword}}) {
                try (RtspTestClient refused = login[0] == null ? RtspTestClient.play(restream.uri())
                        : RtspTestClient.play(restream.uri(), login[0], login[1])) {
                    assertTrue(refused.awaitError(PLAYING), refused::describe);
                    assertTrue(refused.errors().toString().contains("Unauthorized"), refused::describe);
                    assertEquals(0, refused.frameCount());
                }
            }
        }
    }

    /**
     * Issue 17: a camera whose profile says H.265 but which sends H.264 (the simulator did, for every
     * profile). The relay followed the label, so its pipeline could not link and every client got
     * 503; it must follow what the camera actually sends, and a real client must decode it.
     */
    @ParameterizedTest
    @EnumSource(value = VideoCodec.class, names = {"H264", "H265"})
    void aRelayFollowsWhatTheCameraSendsNotWhatItsProfileSays(VideoCodec sent) throws Exception {
        String vmsPassword = "vms-Rtsp-2";
        VideoCodec labelled = sent == VideoCodec.H264 ? VideoCodec.H265 : VideoCodec.H264;
        try (GstRtspServer cameraServer = new GstRtspServer(LOOPBACK, 0); GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount camera = cameraServer.mount("/camera", new StreamSource.TestPattern(sent, 320, 240, 10),
                    Optional.of(new RtspCredentials("admin", "camera-Pw-1".toCharArray())));
            RtspMount restream = server.mount("/vigil/mislabelled", new StreamSource.Relay(camera.uri(),
                    Optional.of(new RtspCredentials("admin", "camera-Pw-1".toCharArray())), labelled),
                    Optional.of(new RtspCredentials("vms", vmsPassword.toCharArray())));
            FfmpegPlayer.Played played = FfmpegPlayer.play(restream.uri(), "vms", vmsPassword, 10, folder);
            assertEquals(sent == VideoCodec.H264 ? "h264" : "hevc", played.codec(), played.describe());
            assertEquals(10, played.frames(), played.describe());
            try (RtspTestClient vms = RtspTestClient.play(restream.uri(), "vms", vmsPassword)) {
                assertTrue(vms.awaitFrames(10, PLAYING), vms::describe);
                assertEquals(Set.of("320x240"), vms.sizes());
            }
        }
    }

    /** A relay of a camera that cannot be played is refused at once, with the reason, rather than mounted to fail later. */
    @Test
    void aRelayOfACameraThatCannotBePlayedIsRefusedWithTheReason() throws Exception {
        try (GstRtspServer cameraServer = new GstRtspServer(LOOPBACK, 0); GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount camera = cameraServer.mount("/camera", SMALL_PATTERN_H264,
                    Optional.of(new RtspCredentials("admin", "camera-Pw-1".toCharArray())));
            MediaException wrongLogin = assertThrows(MediaException.class, () -> server.mount("/vigil/a",
                    new StreamSource.Relay(camera.uri(), Optional.of(new RtspCredentials("admin", "guess".toCharArray())),
                            VideoCodec.H264), Optional.empty()));
            assertTrue(wrongLogin.getMessage().contains("Unauthorized"), wrongLogin.getMessage());
            RtspMount mjpeg = cameraServer.mount("/mjpeg", SMALL_PATTERN, Optional.empty());
            MediaException notRelayed = assertThrows(MediaException.class, () -> server.mount("/vigil/b",
                    new StreamSource.Relay(mjpeg.uri(), Optional.empty(), VideoCodec.H264), Optional.empty()));
            assertTrue(notRelayed.getMessage().contains("image/jpeg"), notRelayed.getMessage());
        }
    }

    /**
     * Issue 19: the restream accepted RTSP Basic, the password in clear. By default only Digest is
     * offered and a Basic login sent unasked is refused; allowed, Basic works too.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void basicLoginsAreRefusedUnlessAllowedWhileDigestPlays(boolean allowBasic) throws Exception {
        String password = "vms-Rtsp-2";
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0, RtspServerOptions.DEFAULTS.withBasic(allowBasic))) {
            assertEquals(allowBasic, server.options().allowBasic());
            RtspMount mount = server.mount("/secured", SMALL_PATTERN_H264,
                    Optional.of(new RtspCredentials("vms", password.toCharArray())));
            String basic = RtspRequest.send("DESCRIBE", mount.uri(), java.util.Map.of("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString(("vms:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            assertTrue(basic.startsWith(allowBasic ? "RTSP/1.0 200 OK" : "RTSP/1.0 401 Unauthorized"), basic);
            String challenge = RtspRequest.send("DESCRIBE", mount.uri(), java.util.Map.of());
            assertTrue(challenge.startsWith("RTSP/1.0 401 Unauthorized"), challenge);
            assertTrue(challenge.contains("WWW-Authenticate: Digest "), challenge);
            assertEquals(allowBasic, challenge.contains("WWW-Authenticate: Basic "), challenge);
            // ffmpeg answers the Digest challenge, and decodes
            FfmpegPlayer.Played digest = FfmpegPlayer.play(mount.uri(), "vms", password, 5, folder);
            assertEquals(5, digest.frames(), digest.describe());
        }
    }

    /**
     * Issue 19: gst-rtsp-server kept any number of sessions. Past the limit a SETUP is answered 503
     * and counted; a session that ends makes room again.
     */
    @Test
    void sessionsPastTheLimitAreRefusedWith503AndCounted() throws Exception {
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0, RtspServerOptions.DEFAULTS.withMaxSessions(2))) {
            RtspMount mount = server.mount("/pattern", SMALL_PATTERN_H264, Optional.empty());
            try (RtspTestClient first = RtspTestClient.play(mount.uri())) {
                assertTrue(first.awaitFrames(3, PLAYING), first::describe);
                try (RtspTestClient second = RtspTestClient.play(mount.uri())) {
                    assertTrue(second.awaitFrames(3, PLAYING), second::describe);
                    assertEquals(2, server.sessions());
                    String setup = RtspRequest.send("SETUP", URI.create(mount.uri() + "/stream=0"),
                            java.util.Map.of("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1"));
                    assertTrue(setup.startsWith("RTSP/1.0 503 Service Unavailable"), setup);
                    FfmpegPlayer.Played third = FfmpegPlayer.play(mount.uri(), null, null, 3, folder);
                    assertEquals(0, third.frames(), third.describe());
                    assertTrue(third.probe().stderr().contains("5XX"), third.describe());
                    assertTrue(server.refusedSessions() >= 2, "refused " + server.refusedSessions());
                    assertEquals(2, server.sessions());
                }
                // the second client's TEARDOWN frees its place
                FfmpegPlayer.Played again = FfmpegPlayer.play(mount.uri(), null, null, 3, folder);
                assertEquals(3, again.frames(), again.describe());
            }
        }
    }

    @Test
    void aRelayRefusesAnAddressWithALoginInItOrAnMjpegCamera() {
        assertThrows(IllegalArgumentException.class, () -> new StreamSource.Relay(URI.create("rtsp://admin:pw@10.0.0.5/live"),
                Optional.empty(), VideoCodec.H264));
        assertThrows(IllegalArgumentException.class, () -> new StreamSource.Relay(URI.create("http://10.0.0.5/live"),
                Optional.empty(), VideoCodec.H264));
        assertThrows(IllegalArgumentException.class, () -> new StreamSource.Relay(URI.create("rtsp://10.0.0.5/live"),
                Optional.empty(), VideoCodec.MJPEG));
    }

    @Test
    void closingAMountDisconnectsOnlyItsClientsAndFreesThePath() throws Exception {
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            RtspMount closing = server.mount("/cam", SMALL_PATTERN, Optional.empty());
            RtspMount staying = server.mount("/cam2", SMALL_PATTERN, Optional.empty());
            try (RtspTestClient gone = RtspTestClient.play(closing.uri());
                    RtspTestClient kept = RtspTestClient.play(staying.uri())) {
                assertTrue(gone.awaitFrames(3, PLAYING), gone::describe);
                assertTrue(kept.awaitFrames(3, PLAYING), kept::describe);

                closing.close();
                closing.close(); // harmless

                assertTrue(gone.awaitEndOrError(DISCONNECTED), gone::describe);
                int before = kept.frameCount();
                assertTrue(kept.awaitFrames(before + 5, PLAYING), kept::describe);
                assertTrue(kept.errors().isEmpty(), kept::describe);
            }
            RtspMount again = server.mount("/cam", SMALL_PATTERN, Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(again.uri())) {
                assertTrue(client.awaitFrames(3, PLAYING), client::describe);
            }
        }
    }

    @Test
    void closingTheServerDisconnectsItsClientsAndFreesItsPort() throws Exception {
        GstRtspServer server = new GstRtspServer(LOOPBACK, 0);
        int port = server.port();
        try {
            RtspMount mount = server.mount("/cam", SMALL_PATTERN, Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri())) {
                assertTrue(client.awaitFrames(3, PLAYING), client::describe);
                server.close();
                assertTrue(client.awaitEndOrError(DISCONNECTED), client::describe);
            }
            mount.close(); // after the server: harmless
        } finally {
            server.close();
            server.close();
        }
        MediaException closed = assertThrows(MediaException.class,
                () -> server.mount("/cam", SMALL_PATTERN, Optional.empty()));
        assertTrue(closed.getMessage().contains("closed"), closed::getMessage);

        // as when a camera restarts: the same port, the same path
        try (GstRtspServer restarted = new GstRtspServer(LOOPBACK, port)) {
            assertEquals(port, restarted.port());
            RtspMount mount = restarted.mount("/cam", SMALL_PATTERN, Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri())) {
                assertTrue(client.awaitFrames(3, PLAYING), client::describe);
            }
        }
    }

    @Test
    void aPortInUseIsReportedNotIgnored() throws Exception {
        try (GstRtspServer first = new GstRtspServer(LOOPBACK, 0)) {
            MediaException taken = assertThrows(MediaException.class, () -> new GstRtspServer(LOOPBACK, first.port()));
            assertTrue(taken.getMessage().contains(Integer.toString(first.port())), taken::getMessage);
        }
    }

    @Test
    void aVideoFileWhoseNameHasQuotesSpacesAndBackslashesPlaysAsNamedAndLoops() throws Exception {
        Path video = folder.resolve("a \"quoted\" name's (copy) \\ ! $HOME ünï%d.mp4");
        TestVideos.write(video, 1, 320, 180, "x264enc ! mp4mux"); // one second of a moving ball, 16:9
        Set<Long> lateFrames = ConcurrentHashMap.newKeySet();
        AtomicInteger frames = new AtomicInteger();
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            // MJPEG: a picture that stood still would decode to identical frames
            RtspMount mount = server.mount("/file", new StreamSource.File(video, VideoCodec.MJPEG, 320, 240, 10),
                    Optional.empty());
            try (RtspTestClient client = RtspTestClient.play(mount.uri(), (width, height, stride, bgr) -> {
                if (frames.incrementAndGet() > 25) { // the file has ended at least once by now
                    lateFrames.add(TestVideos.checksum(bgr));
                }
            })) {
                assertTrue(client.awaitFrames(40, PLAYING), client::describe);
                assertEquals(Set.of("320x240"), client.sizes());
                assertFalse(client.ended(), client::describe);
                assertTrue(lateFrames.size() > 5, "the ball stopped moving after the end of the file: "
                        + lateFrames.size() + " different frames in the last 15");
            }
        }
    }

    @Test
    void rejectsWhatItCannotServe() throws Exception {
        Path controlCharacters = Files.write(folder.resolve("line\nbreak.mp4"), new byte[] {0});
        Path notAnImage = Files.writeString(folder.resolve("notes.jpg"), "not a photo");
        Path notAVideo = Files.writeString(folder.resolve("notes.mp4"), "not a video either");
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            server.mount("/cam", SMALL_PATTERN, Optional.empty());

            assertRejected(server, "/cam", SMALL_PATTERN, "already mounted");
            for (String path : List.of("cam", "/", "/cam/", "/a b", "/../cam", "/cam?x=1", "/cam\"")) {
                assertRejected(server, path, SMALL_PATTERN, "not a mount path");
            }
            Path missing = folder.resolve("missing.mp4");
            assertRejected(server, "/missing", new StreamSource.File(missing, VideoCodec.H264, 320, 240, 10),
                    missing.toString());
            assertRejected(server, "/text", new StreamSource.File(notAVideo, VideoCodec.H264, 320, 240, 10),
                    "cannot play video file " + notAVideo);
            assertRejected(server, "/unsafe", new StreamSource.File(controlCharacters, VideoCodec.H264, 320, 240, 10),
                    "control characters");
            assertRejected(server, "/photos", new StreamSource.StillPhotos(List.of(missing), Duration.ofSeconds(1),
                    VideoCodec.H264, 320, 240, 10), missing.toString());
            assertRejected(server, "/photos", new StreamSource.StillPhotos(List.of(notAnImage), Duration.ofSeconds(1),
                    VideoCodec.H264, 320, 240, 10), notAnImage.toString());
            assertRejected(server, "/odd", new StreamSource.TestPattern(VideoCodec.H264, 321, 240, 10), "321x240");
            assertRejected(server, "/still", new StreamSource.TestPattern(VideoCodec.H264, 320, 240, 0),
                    "frames a second");
            assertRejected(server, "/user", SMALL_PATTERN,
                    Optional.of(new RtspCredentials("who:me", "x".toCharArray())), "user name");
            server.mount("/a", SMALL_PATTERN, Optional.of(new RtspCredentials("viewer", "one".toCharArray())));
            assertRejected(server, "/b", SMALL_PATTERN, Optional.of(new RtspCredentials("viewer", "two".toCharArray())),
                    "another password");
        }
    }

    private static void assertRejected(GstRtspServer server, String path, StreamSource source, String reason) {
        assertRejected(server, path, source, Optional.empty(), reason);
    }

    private static void assertRejected(GstRtspServer server, String path, StreamSource source,
            Optional<RtspCredentials> credentials, String reason) {
        MediaException e = assertThrows(MediaException.class, () -> server.mount(path, source, credentials),
                () -> path + " " + source);
        assertTrue(e.getMessage().contains(reason), () -> "'" + e.getMessage() + "' does not say " + reason);
    }

    private Path photo(String name, int width, int height, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        Path file = folder.resolve(name);
        assertTrue(ImageIO.write(image, "jpeg", file.toFile()));
        return file;
    }

    private static int[] pixel(ByteBuffer bgr, int stride, int x, int y) {
        int at = y * stride + x * 3;
        return new int[] {bgr.get(at) & 0xff, bgr.get(at + 1) & 0xff, bgr.get(at + 2) & 0xff};
    }

    private static boolean isWhite(int[] bgr) {
        return bgr[0] > 200 && bgr[1] > 200 && bgr[2] > 200;
    }

    private static boolean isRed(int[] bgr) {
        return bgr[2] > 180 && bgr[0] < 80 && bgr[1] < 80;
    }

    private static boolean isBlack(int[] bgr) {
        return bgr[0] < 40 && bgr[1] < 40 && bgr[2] < 40;
    }
}
