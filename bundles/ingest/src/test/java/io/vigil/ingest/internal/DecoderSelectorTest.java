package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.VideoCodec;
import io.vigil.testing.GStreamerForTests;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.PluginFeature;
import org.freedesktop.gstreamer.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecoderSelectorTest {

    /** The live registry of this machine, as the ingest bundle sees it. */
    private static Function<String, OptionalInt> liveRegistry;

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
        liveRegistry = name -> {
            PluginFeature feature = Registry.get().lookupFeature(name);
            return feature instanceof ElementFactory ? OptionalInt.of(feature.getRank()) : OptionalInt.empty();
        };
    }

    private static List<String> names(List<DecoderSelector.Candidate> candidates) {
        return candidates.stream().map(DecoderSelector.Candidate::element).toList();
    }

    /** A machine whose registry holds exactly these elements, as one with such hardware reports. */
    private static Function<String, OptionalInt> registryWith(String... elements) {
        Set<String> present = Set.of(elements);
        return name -> present.contains(name) ? OptionalInt.of(256) : OptionalInt.empty();
    }

    @Test
    void onThisMachineWithoutAGpuTheLiveRegistryYieldsSoftwareDecoders() {
        DecoderSelector selector = new DecoderSelector(liveRegistry);
        // the vaapi plugin is installed here, but without a device it registers no decoder
        assertEquals(List.of("avdec_h264"), names(selector.candidates(VideoCodec.H264, "auto")));
        assertEquals(List.of("avdec_h265"), names(selector.candidates(VideoCodec.H265, "auto")));
        assertEquals("jpegdec", selector.candidates(VideoCodec.MJPEG, null).get(0).element());
        assertTrue(selector.candidates(VideoCodec.H264, "auto").stream().noneMatch(DecoderSelector.Candidate::hardware));
    }

    @Test
    void hardwareComesFirstInFamilyOrderWithSoftwareAsTheLastFallback() {
        DecoderSelector selector = new DecoderSelector(
                registryWith("avdec_h264", "vaapih264dec", "nvh264dec", "vah264dec", "v4l2slh264dec"));
        assertEquals(List.of("nvh264dec", "vah264dec", "vaapih264dec", "v4l2slh264dec", "avdec_h264"),
                names(selector.candidates(VideoCodec.H264, "auto")));
        assertTrue(selector.candidates(VideoCodec.H264, "auto").get(0).hardware());
    }

    @Test
    void anOverrideComesFirstAndSoftwareSkipsHardware() {
        DecoderSelector selector = new DecoderSelector(registryWith("avdec_h264", "vah264dec", "nvh264dec"));
        assertEquals(List.of("vah264dec", "nvh264dec", "avdec_h264"), names(selector.candidates(VideoCodec.H264, "vah264dec")));
        assertEquals(List.of("avdec_h264"), names(selector.candidates(VideoCodec.H264, "software")));
    }

    @Test
    void anUnavailableOverrideFallsBackToTheAutomaticOrder() {
        DecoderSelector selector = new DecoderSelector(liveRegistry);
        // nvh264dec is not registered on this machine: the override cannot be honoured
        assertEquals(List.of("avdec_h264"), names(selector.candidates(VideoCodec.H264, "nvh264dec")));
    }

    @Test
    void nothingToDecodeWithIsAnEmptyList() {
        DecoderSelector selector = new DecoderSelector(registryWith());
        assertTrue(selector.candidates(VideoCodec.H265, "auto").isEmpty());
    }
}
