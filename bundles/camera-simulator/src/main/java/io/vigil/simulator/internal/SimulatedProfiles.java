package io.vigil.simulator.internal;

import io.vigil.api.media.VideoCodec;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.message.VideoSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profiles of a simulated camera, shaped like a typical IP camera's: a main stream, an H.265
 * 720p stream, an MJPEG stream and a small sub stream, all from one 1080p sensor. Media1 lists
 * only those whose encoding its schema can name (JPEG, MPEG4, H264: the ver10
 * {@code tt:VideoEncoding}), as real cameras do; Media2 lists all. The simulated camera serves
 * each profile as a stream of its own, encoded as the profile says ({@link #format}).
 */
final class SimulatedProfiles {

    static final String SOURCE = "VideoSource_1";
    private static final Resolution SENSOR = new Resolution(1920, 1080);
    private static final Set<String> MEDIA1_ENCODINGS = Set.of("JPEG", "MPEG4", "H264");

    private static final List<MediaProfile> ALL = of(VideoCodec.H264, new Resolution(1920, 1080));

    private SimulatedProfiles() {
    }

    /** The profiles with a main stream of {@code mainCodec} at {@code main}, the others as always. */
    static List<MediaProfile> of(VideoCodec mainCodec, Resolution main) {
        return List.of(
                profile("Profile_Main", "MainStream", encoding(mainCodec), main),
                profile("Profile_H265", "H265Stream", "H265", new Resolution(1280, 720)),
                profile("Profile_Mjpeg", "MjpegStream", "JPEG", new Resolution(1280, 720)),
                profile("Profile_Sub", "SubStream", "H264", new Resolution(640, 360)));
    }

    /** The default profiles: main stream H.264 1080p. */
    static List<MediaProfile> media2() {
        return ALL;
    }

    static List<MediaProfile> media1() {
        return media1(ALL);
    }

    /** Those of {@code profiles} Media1 can name. */
    static List<MediaProfile> media1(List<MediaProfile> profiles) {
        return profiles.stream().filter(profile -> MEDIA1_ENCODINGS.contains(profile.video().orElseThrow().encoding())).toList();
    }

    /** The ONVIF encoding name of {@code codec}. */
    static String encoding(VideoCodec codec) {
        return switch (codec) {
            case H264 -> "H264";
            case H265 -> "H265";
            case MJPEG -> "JPEG";
        };
    }

    /** The codec a stream must be encoded in to be what {@code profile} says. */
    static VideoCodec codec(MediaProfile profile) {
        return switch (profile.video().orElseThrow().encoding()) {
            case "H264" -> VideoCodec.H264;
            case "H265" -> VideoCodec.H265;
            case "JPEG" -> VideoCodec.MJPEG;
            default -> throw new IllegalArgumentException("no stream for encoding " + profile.video().orElseThrow().encoding());
        };
    }

    /** Media1 GetVideoSources: the one sensor, at the highest frame rate its profiles offer. */
    static VideoSources videoSources() {
        return new VideoSources(SOURCE, 25, SENSOR);
    }

    /** The distinct video source configurations of {@code profiles}, each with how many of them use it. */
    static List<VideoSourceConfigurations.Used> sourceConfigurations(List<MediaProfile> profiles) {
        Map<String, VideoSettings> byToken = new LinkedHashMap<>();
        Map<String, Integer> uses = new LinkedHashMap<>();
        for (MediaProfile profile : profiles) {
            profile.video().ifPresent(video -> {
                byToken.putIfAbsent(video.sourceConfigurationToken(), video);
                uses.merge(video.sourceConfigurationToken(), 1, Integer::sum);
            });
        }
        return byToken.values().stream()
                .map(video -> new VideoSourceConfigurations.Used(video, uses.get(video.sourceConfigurationToken())))
                .toList();
    }

    private static MediaProfile profile(String token, String name, String encoding, Resolution resolution) {
        return new MediaProfile(token, name, Optional.of(new VideoSettings(SOURCE, "VideoSourceConfig_1", SENSOR,
                "VideoEncoder_" + name, encoding, resolution)));
    }
}
