package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.VideoCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LaunchDescriptionTest {

    private static final VideoFormat H264 = format(VideoCodec.H264);

    @BeforeAll
    static void gstreamer() {
        GStreamerInit.ensureInitialised();
    }

    @Test
    void aTestPatternIsALiveSourceEncodedForRtsp() {
        LaunchDescription launch = LaunchDescription.testPattern(H264);
        assertEquals("videotestsrc is-live=true pattern=ball"
                + " ! video/x-raw,width=640,height=360,pixel-aspect-ratio=1/1,framerate=10/1"
                + " ! videoconvert ! video/x-raw,format=I420"
                + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=20"
                + " ! rtph264pay name=pay0 pt=96 config-interval=-1", launch.pipeline());
        assertEquals("( " + launch.pipeline() + " )", launch.forFactory());
        assertEquals(List.of("videotestsrc", "videoconvert", "x264enc", "rtph264pay"), List.copyOf(launch.elements()));
    }

    @Test
    void eachCodecHasItsEncoderAndPayloaderNamedPay0() {
        assertTrue(LaunchDescription.testPattern(format(VideoCodec.H265)).pipeline().endsWith(
                " ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=20"
                        + " ! rtph265pay name=pay0 pt=96 config-interval=-1"));
        assertTrue(LaunchDescription.testPattern(format(VideoCodec.MJPEG)).pipeline().endsWith(
                " ! jpegenc ! rtpjpegpay name=pay0 pt=26"));
    }

    @Test
    void aFileIsFittedToTheFormatAndReadBackLive() throws Exception {
        String caps = "video/x-raw,format=I420,width=640,height=360,pixel-aspect-ratio=1/1,framerate=10/1";
        LaunchDescription feed = LaunchDescription.fileFeed(Path.of("/videos/lobby.mp4"), H264, "vigil-1");
        assertEquals("filesrc location=\"/videos/lobby.mp4\" ! decodebin ! videoconvert ! videoscale add-borders=true"
                + " ! videorate ! " + caps + " ! intervideosink channel=\"vigil-1\"", feed.pipeline());
        LaunchDescription served = LaunchDescription.fileLoop("vigil-1", H264);
        assertEquals("intervideosrc channel=\"vigil-1\" ! " + caps + " ! videoconvert ! video/x-raw,format=I420"
                + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=20"
                + " ! rtph264pay name=pay0 pt=96 config-interval=-1", served.pipeline());
        assertEquals(Set.of("intervideosrc", "videoconvert", "x264enc", "rtph264pay"), served.elements());
    }

    @Test
    void aLossyPatternDropsEncodedFramesBeforeThePayloader() {
        LaunchDescription launch = LaunchDescription.lossy(H264, 0.1);
        assertTrue(launch.pipeline().endsWith(" ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=20"
                + " ! identity drop-probability=0.1 ! rtph264pay name=pay0 pt=96 config-interval=-1"),
                launch.pipeline());
        assertEquals(List.of("videotestsrc", "videoconvert", "x264enc", "identity", "rtph264pay"),
                List.copyOf(launch.elements()));
        assertTrue(LaunchDescription.lossy(H264, 0.0001).pipeline().contains("identity drop-probability=0.0001 "));
    }

    @Test
    void aRecordingIsParsedIntoALiveSourceAndPayloadedWithoutDecoding() throws Exception {
        LaunchDescription feed = LaunchDescription.recordingFeed(Path.of("/videos/gate.mp4"), VideoCodec.H265);
        assertEquals("filesrc location=\"/videos/gate.mp4\" ! parsebin ! h265parse config-interval=-1"
                + " ! video/x-h265,stream-format=byte-stream,alignment=au"
                + " ! appsink name=frames sync=false emit-signals=true max-buffers=1", feed.pipeline());
        LaunchDescription served = LaunchDescription.recording(VideoCodec.H264);
        assertEquals("appsrc name=recording is-live=true format=time"
                + " caps=\"video/x-h264,stream-format=byte-stream,alignment=au\" max-time=1000000000"
                + " leaky-type=downstream ! rtph264pay name=pay0 pt=96 config-interval=-1", served.pipeline());
        for (LaunchDescription launch : List.of(feed, served, LaunchDescription.recording(VideoCodec.H265))) {
            for (String factory : launch.elements()) {
                String klass = ElementFactory.find(factory).getKlass();
                assertFalse(klass.contains("Decoder") || klass.contains("Encoder"), factory + " is a " + klass);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LaunchDescription.recording(VideoCodec.MJPEG));
    }

    @Test
    void aMetadataStreamIsALiveAppsrcOfReadyMadeRtpPacketsNamedAsThePayloader() throws Exception {
        LaunchDescription launch = LaunchDescription.metadata();
        assertEquals("appsrc name=pay0 is-live=true format=time caps=\"application/x-rtp,media=(string)application,"
                + "clock-rate=(int)90000,encoding-name=(string)VND.ONVIF.METADATA,payload=(int)107\""
                + " max-bytes=1048576 leaky-type=downstream", launch.pipeline());
        assertEquals(List.of("appsrc"), List.copyOf(launch.elements()));
        LaunchCheck.verify(launch);
    }

    @Test
    void photoFramesLoopAtOnePhotoPerPeriod() throws Exception {
        LaunchDescription launch = LaunchDescription.photoFrames(Path.of("/tmp/vigil-photos-1"), 3,
                Duration.ofMillis(1500), H264);
        assertTrue(launch.pipeline().contains("  multifilesrc location=\"/tmp/vigil-photos-1/%05d.jpg\" loop=true"
                + " stop-index=2 caps=\"image/jpeg,framerate=(fraction)2/3\" ! jpegdec ! videoconvert ! videorate"
                + " ! video/x-raw,width=640,height=360,pixel-aspect-ratio=1/1,framerate=10/1 ! mix.sink_1"),
                launch.pipeline());
        assertTrue(launch.elements().containsAll(Set.of("multifilesrc", "jpegdec", "compositor", "videotestsrc")));
    }

    @Test
    void photoRatesAreExactFractions() throws Exception {
        assertEquals("1/1", LaunchDescription.photoRate(Duration.ofSeconds(1)));
        assertEquals("2/3", LaunchDescription.photoRate(Duration.ofMillis(1500)));
        assertEquals("4/1", LaunchDescription.photoRate(Duration.ofMillis(250)));
        assertEquals("1/60", LaunchDescription.photoRate(Duration.ofMinutes(1)));
        assertThrows(MediaException.class, () -> LaunchDescription.photoRate(Duration.ZERO));
        assertThrows(MediaException.class, () -> LaunchDescription.photoRate(Duration.ofDays(2)));
    }

    @Test
    void quotedValuesReachGStreamerUnchanged() throws Exception {
        for (String name : List.of("/videos/lobby.mp4", "/v/with space.mp4", "/v/\"quoted\".mp4", "/v/it's.mp4",
                "/v/back\\slash.mp4", "/v/trailing\\", "/v/\\\"", "/v/a ! fakesink name=x", "/v/(bin).mp4",
                "/v/x\" ! fakesink \"", "/v/ünïcödé 视频.mp4", "/v/%d %s $HOME `id` ;&|<>*?.mp4",
                "/v/a=b,c;d{e}[f]\\042.mp4")) {
            Element source = Gst.parseLaunch("filesrc location=" + LaunchDescription.quoted("video file", name));
            try {
                assertEquals(name, source.get("location"), name);
            } finally {
                source.dispose();
            }
        }
    }

    @Test
    void aPhotoFolderWithPercentSignsIsNotTakenForAPattern() throws Exception {
        LaunchDescription launch = LaunchDescription.photoFrames(Path.of("/tmp/100% \"photos\""), 1,
                Duration.ofSeconds(1), format(VideoCodec.MJPEG));
        Element pipeline = Gst.parseLaunch(launch.pipeline());
        try {
            Element source = ((Bin) pipeline).getElementsRecursive().stream()
                    .filter(element -> element.getFactory().getName().equals("multifilesrc")).findFirst().orElseThrow();
            // multifilesrc formats this with the frame index: %% becomes % again
            assertEquals("/tmp/100%% \"photos\"/%05d.jpg", source.get("location"));
        } finally {
            pipeline.dispose();
        }
    }

    @Test
    void controlCharactersAndBrokenUnicodeAreRefused() {
        for (String name : List.of("/v/line\nbreak.mp4", "/v/tab\t.mp4", "/v/nul\u0000.mp4", "/v/del\u007f.mp4",
                "/v/half\ud800surrogate.mp4")) {
            MediaException e = assertThrows(MediaException.class, () -> LaunchDescription.quoted("video file", name));
            assertTrue(e.getMessage().startsWith("the video file name"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void gstreamerBuildsEveryDescription(VideoCodec codec) throws Exception {
        VideoFormat format = format(codec);
        LaunchCheck.verify(LaunchDescription.testPattern(format));
        LaunchCheck.verify(LaunchDescription.fileFeed(Path.of("/videos/not-opened-when-only-built.mp4"), format, "c"));
        LaunchCheck.verify(LaunchDescription.fileLoop("c", format));
        LaunchCheck.verify(LaunchDescription.photoFrames(Path.of("/tmp/not-read-either"), 2, Duration.ofSeconds(2),
                format));
        LaunchCheck.verify(LaunchDescription.lossy(format, 0.5));
        if (codec != VideoCodec.MJPEG) {
            LaunchCheck.verify(LaunchDescription.recordingFeed(Path.of("/videos/not-opened.mkv"), codec));
            LaunchCheck.verify(LaunchDescription.recording(codec));
        }
    }

    @Test
    void aMissingElementIsNamedWithItsDebianPackage() {
        MediaException one = assertThrows(MediaException.class,
                () -> LaunchCheck.requireElements(Set.of("videoconvert", "vigil-no-such-encoder")));
        assertEquals("GStreamer element vigil-no-such-encoder is missing; install it with: apt-get install "
                + "the GStreamer plugin package providing vigil-no-such-encoder", one.getMessage());
        assertTrue(LaunchCheck.debianPackage("x265enc").equals("gstreamer1.0-plugins-bad"));
        assertTrue(LaunchCheck.debianPackage("x264enc").equals("gstreamer1.0-plugins-ugly"));
    }

    @Test
    void formatsOutsideWhatEncodersTakeAreRefused() {
        assertThrows(MediaException.class, () -> VideoFormat.of(VideoCodec.H264, 641, 360, 10));
        assertThrows(MediaException.class, () -> VideoFormat.of(VideoCodec.H264, 8, 8, 10));
        assertThrows(MediaException.class, () -> VideoFormat.of(VideoCodec.H264, 640, 360, 0));
        assertThrows(MediaException.class, () -> VideoFormat.of(VideoCodec.MJPEG, 2048, 1080, 10));
        assertEquals(2048, assertDoesNotThrow(VideoCodec.H264, 2048, 1080).width());
    }

    private static VideoFormat assertDoesNotThrow(VideoCodec codec, int width, int height) {
        try {
            return VideoFormat.of(codec, width, height, 10);
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }

    private static VideoFormat format(VideoCodec codec) {
        try {
            return VideoFormat.of(codec, 640, 360, 10);
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }

    @org.junit.jupiter.api.Test
    void aRelayIsDepayloadedParsedAndPayloadedAgainNeverDecodedAndCarriesNoAddressOrLogin() {
        LaunchDescription relay = LaunchDescription.relay(io.vigil.api.media.VideoCodec.H265);
        org.junit.jupiter.api.Assertions.assertEquals(
                "rtspsrc name=relaysrc latency=200 protocols=tcp ! rtph265depay ! h265parse config-interval=-1"
                        + " ! rtph265pay name=pay0 pt=96 config-interval=-1", relay.pipeline());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("rtspsrc", "rtph265depay", "h265parse", "rtph265pay"),
                java.util.List.copyOf(relay.elements()));
    }
}
