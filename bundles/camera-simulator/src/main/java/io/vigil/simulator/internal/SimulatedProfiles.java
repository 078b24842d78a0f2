package io.vigil.simulator.internal;

import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.message.VideoSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profiles of a simulated camera, shaped like a typical IP camera's: a full-size main
 * stream, an H.265 720p stream, an MJPEG stream and a small sub stream, all from one 1080p
 * sensor. Media1 lists only those whose encoding its schema can name (JPEG, MPEG4, H264: the
 * ver10 {@code tt:VideoEncoding}), as real cameras do; Media2 lists all.
 */
final class SimulatedProfiles {

    static final String SOURCE = "VideoSource_1";
    private static final Resolution SENSOR = new Resolution(1920, 1080);
    private static final Set<String> MEDIA1_ENCODINGS = Set.of("JPEG", "MPEG4", "H264");

    private static final List<MediaProfile> ALL = List.of(
            profile("Profile_Main", "MainStream", "H264", new Resolution(1920, 1080)),
            profile("Profile_H265", "H265Stream", "H265", new Resolution(1280, 720)),
            profile("Profile_Mjpeg", "MjpegStream", "JPEG", new Resolution(1280, 720)),
            profile("Profile_Sub", "SubStream", "H264", new Resolution(640, 360)));

    private SimulatedProfiles() {
    }

    static List<MediaProfile> media2() {
        return ALL;
    }

    static List<MediaProfile> media1() {
        return ALL.stream().filter(profile -> MEDIA1_ENCODINGS.contains(profile.video().orElseThrow().encoding())).toList();
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
