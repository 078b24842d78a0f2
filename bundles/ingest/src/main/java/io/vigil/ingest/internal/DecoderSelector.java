package io.vigil.ingest.internal;

import io.vigil.api.media.VideoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Chooses the decoder for a codec from what the live GStreamer registry offers: hardware
 * families first (NVDEC, VA, V4L2 stateless), software last. Hardware plugins load without a
 * device but register no elements then, so "present in the registry" is the test that matters.
 */
final class DecoderSelector {

    /** One family of decoders, in the order they are preferred. */
    record Family(String name, boolean hardware, Map<VideoCodec, List<String>> decoders) {
    }

    static final List<Family> FAMILIES = List.of(
            new Family("NVIDIA NVDEC", true, Map.of(
                    VideoCodec.H264, List.of("nvh264dec"), VideoCodec.H265, List.of("nvh265dec"),
                    VideoCodec.MJPEG, List.of("nvjpegdec"))),
            new Family("VA-API", true, Map.of(
                    VideoCodec.H264, List.of("vah264dec", "vaapih264dec"),
                    VideoCodec.H265, List.of("vah265dec", "vaapih265dec"),
                    VideoCodec.MJPEG, List.of("vajpegdec", "vaapijpegdec"))),
            new Family("V4L2 stateless", true, Map.of(
                    VideoCodec.H264, List.of("v4l2slh264dec"), VideoCodec.H265, List.of("v4l2slh265dec"))),
            new Family("software", false, Map.of(
                    VideoCodec.H264, List.of("avdec_h264"), VideoCodec.H265, List.of("avdec_h265"),
                    VideoCodec.MJPEG, List.of("jpegdec"))));

    /** "auto" (the default), "software", or a decoder element's name. */
    static final String AUTO = "auto";
    static final String SOFTWARE = "software";

    /** A decoder that can be tried, with whether it uses hardware. */
    record Candidate(String element, String family, boolean hardware) {
    }

    private final Function<String, OptionalInt> registry;

    /** @param registry an element name's rank in the live registry, empty when absent */
    DecoderSelector(Function<String, OptionalInt> registry) {
        this.registry = registry;
    }

    /**
     * The decoders to try, best first; the stream falls back along the list when one fails at
     * run time. Empty when nothing on this machine decodes the codec.
     *
     * @param override {@link #AUTO}, {@link #SOFTWARE} or an element name the administrator chose;
     *                 a named element comes first and the automatic order follows it as fallback
     */
    List<Candidate> candidates(VideoCodec codec, String override) {
        String choice = override == null || override.isBlank() ? AUTO : override.strip();
        List<Candidate> automatic = new ArrayList<>();
        for (Family family : FAMILIES) {
            if (SOFTWARE.equals(choice) && family.hardware()) {
                continue;
            }
            for (String element : family.decoders().getOrDefault(codec, List.of())) {
                if (registry.apply(element).isPresent()) {
                    automatic.add(new Candidate(element, family.name(), family.hardware()));
                }
            }
        }
        if (AUTO.equals(choice) || SOFTWARE.equals(choice)) {
            return automatic;
        }
        List<Candidate> result = new ArrayList<>();
        if (registry.apply(choice).isPresent()) {
            result.add(new Candidate(choice, familyOf(choice), !familyOf(choice).equals("software")));
        }
        automatic.stream().filter(c -> !c.element().equals(choice)).forEach(result::add);
        return result;
    }

    private static String familyOf(String element) {
        for (Family family : FAMILIES) {
            for (List<String> names : family.decoders().values()) {
                if (names.contains(element)) {
                    return family.name();
                }
            }
        }
        return "configured";
    }
}
