package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.VideoCodec;
import io.vigil.testing.GStreamerForTests;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Gst;
import org.junit.jupiter.api.Test;

class ChainDescriptionTest {

    private static final StreamSettings DEFAULTS = StreamSettings.defaults("lobby", URI.create("rtsp://127.0.0.1:8554/lobby"));

    @Test
    void encodingNamesMapToTheCodecsVigilDecodes() {
        assertEquals(Optional.of(VideoCodec.H264), ChainDescription.codecOf("H264"));
        assertEquals(Optional.of(VideoCodec.H265), ChainDescription.codecOf("h265"));
        assertEquals(Optional.of(VideoCodec.MJPEG), ChainDescription.codecOf("JPEG"));
        assertTrue(ChainDescription.codecOf("MP4V-ES").isEmpty());
        assertTrue(ChainDescription.codecOf(null).isEmpty());
    }

    @Test
    void theChainCapsTheRateBeforeConversionAndKeepsOnlyTheNewestFrame() {
        String chain = ChainDescription.describe(VideoCodec.H264, "avdec_h264", DEFAULTS);
        assertTrue(chain.startsWith("rtph264depay ! h264parse name=parser ! avdec_h264 name=decoder"), chain);
        assertTrue(chain.indexOf("videorate") < chain.indexOf("videoconvert"), chain);
        assertTrue(chain.contains("max-rate=5"), chain);
        assertTrue(chain.endsWith("appsink name=sink sync=false max-buffers=1 drop=true emit-signals=true"), chain);
        assertFalse(chain.contains("videoscale"), "full resolution unless a maximum is set: " + chain);
    }

    @Test
    void aMaximumSizeAddsAScalerAndSubFrameRatesRoundUp() {
        StreamSettings capped = new StreamSettings("c", DEFAULTS.uri(), Optional.empty(), Optional.empty(),
                StreamSettings.Transport.TCP, Duration.ofMillis(200), 0.5, false, 1920, 1080, "auto",
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        String chain = ChainDescription.describe(VideoCodec.H265, "avdec_h265", capped);
        assertTrue(chain.contains("videoscale ! capsfilter caps=\"video/x-raw,width=(int)[16,1920],height=(int)[16,1080]"), chain);
        assertTrue(chain.contains("max-rate=1"), chain);
    }

    @Test
    void everyChainParsesWithThisMachinesGStreamer() {
        GStreamerForTests.init();
        StreamSettings capped = new StreamSettings("c", DEFAULTS.uri(), Optional.empty(), Optional.empty(),
                StreamSettings.Transport.TCP, Duration.ofMillis(200), 5, true, 640, 480, "auto",
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
        for (VideoCodec codec : VideoCodec.values()) {
            String decoder = switch (codec) {
                case H264 -> "avdec_h264";
                case H265 -> "avdec_h265";
                case MJPEG -> "jpegdec";
            };
            for (StreamSettings settings : java.util.List.of(DEFAULTS, capped)) {
                Bin bin = Gst.parseBinFromDescription(ChainDescription.describe(codec, decoder, settings), true);
                assertTrue(bin.getStaticPad("sink") != null, codec + " chain has no input");
                bin.dispose();
            }
        }
    }

    @Test
    void settingsRefuseCredentialsInTheUriAndWhatIsNotRtsp() {
        assertThrows(IllegalArgumentException.class,
                () -> StreamSettings.defaults("c", URI.create("rtsp://admin:secret@10.0.0.5/stream")));
        assertThrows(IllegalArgumentException.class, () -> StreamSettings.defaults("c", URI.create("http://10.0.0.5/")));
        StreamSettings withPassword = DEFAULTS.withCredentials("admin", "s3cret".toCharArray());
        assertFalse(withPassword.toString().contains("s3cret"), withPassword.toString());
    }
}
