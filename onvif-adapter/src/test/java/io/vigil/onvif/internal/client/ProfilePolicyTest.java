package io.vigil.onvif.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.message.VideoSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ProfilePolicyTest {

    private static MediaProfile profile(String token, String encoding, int width, int height) {
        return new MediaProfile(token, token, Optional.of(new VideoSettings("src", "vsc", new Resolution(1920, 1080), "enc-" + token,
                encoding, new Resolution(width, height))));
    }

    @Test
    void closestToTargetInAnAcceptedEncoding() {
        List<MediaProfile> profiles = List.of(profile("main", "H264", 1920, 1080), profile("mjpeg", "JPEG", 1280, 720),
                profile("sub", "H264", 640, 360), new MediaProfile("audio", "audio", Optional.empty()));
        assertEquals("main", ProfilePolicy.DEFAULT.choose(profiles).orElseThrow().token());
    }

    @Test
    void exactMatchWinsAndTiesGoToThePreferredEncoding() {
        List<MediaProfile> profiles = List.of(profile("h265", "H265", 1280, 720), profile("h264", "H264", 1280, 720),
                profile("main", "H264", 1920, 1080));
        assertEquals("h264", ProfilePolicy.DEFAULT.choose(profiles).orElseThrow().token());
        assertEquals("h265", new ProfilePolicy(new Resolution(1280, 720), List.of("h265")).choose(profiles).orElseThrow().token());
    }

    @Test
    void nothingAcceptable() {
        assertEquals(Optional.empty(), ProfilePolicy.DEFAULT.choose(List.of(profile("mjpeg", "JPEG", 1280, 720))));
    }

    @Test
    void streamUriLosesUserInfoOnly() {
        assertEquals(URI.create("rtsp://10.0.0.5:554/Streaming/Channels/101?transportmode=unicast"),
                OnvifCamera.withoutUserInfo(URI.create("rtsp://admin:secret@10.0.0.5:554/Streaming/Channels/101?transportmode=unicast")));
        URI clean = URI.create("rtsp://10.0.0.5/live");
        assertEquals(clean, OnvifCamera.withoutUserInfo(clean));
    }
}
