package io.vigil.onvif.internal.device;

import io.vigil.api.camera.Camera;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.MetadataSettings;
import io.vigil.onvif.message.Resolution;
import io.vigil.onvif.message.VideoSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One watched camera as the VMS sees it on the Vigil device: a video source, a media profile
 * showing it (Vigil's restream) and a metadata profile describing it (Vigil's ONVIF metadata stream
 * of the faces in it and the recognitions). The video source token is also the
 * token of the profile's video source configuration (older VMS drivers key events on that one),
 * so the {@code VideoSource} and {@code VideoSourceConfigurationToken} of a recognition name the
 * same thing.
 *
 * @param camera      the camera in Vigil's registry
 * @param sourceToken {@code VS_<id>}: the VideoSource and VideoSourceConfiguration token
 * @param streamUri   Vigil's restream of the camera, {@code rtsp://host:port/vigil/<camera id>}
 */
record Channel(Camera camera, String sourceToken, URI streamUri) {

    /** tt:ReferenceToken is at most 64 characters; ids that fit and are plain stay readable. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]{1,48}");
    private static final Resolution DEFAULT_SIZE = new Resolution(1280, 720);

    static Channel of(Camera camera, URI rtspBase) {
        String id = camera.id();
        String token = "VS_" + (PLAIN.matcher(id).matches() ? id : hash(id));
        String base = rtspBase.toString().endsWith("/") ? rtspBase.toString() : rtspBase + "/";
        URI stream = URI.create(base + "vigil/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        return new Channel(camera, token, stream);
    }

    String profileToken() {
        return "P" + sourceToken.substring(2);
    }

    String encoderToken() {
        return "VE" + sourceToken.substring(2);
    }

    String metadataProfileToken() {
        return "PM" + sourceToken.substring(2);
    }

    String metadataToken() {
        return "MD" + sourceToken.substring(2);
    }

    /** Vigil's metadata stream of the camera: the restream's address with {@code /metadata}. */
    URI metadataUri() {
        return URI.create(streamUri + Restreams.METADATA_SUFFIX);
    }

    Resolution resolution() {
        int width = camera.streamProfile().width();
        int height = camera.streamProfile().height();
        return width > 0 && height > 0 ? new Resolution(width, height) : DEFAULT_SIZE;
    }

    String encoding() {
        String encoding = camera.streamProfile().encoding();
        return encoding.isBlank() ? "H264" : encoding;
    }

    /** Whether Media1 can name the encoding (its tt:VideoEncoding: JPEG, MPEG4, H264); Media2 names every one. */
    boolean media1CanName() {
        return java.util.Set.of("JPEG", "MPEG4", "H264").contains(encoding().toUpperCase(java.util.Locale.ROOT));
    }

    /** The profile, in the shared message type both media services write. */
    MediaProfile profile() {
        Resolution size = resolution();
        return new MediaProfile(profileToken(), camera.name(), Optional.of(new VideoSettings(sourceToken, sourceToken, size,
                encoderToken(), encoding(), size)));
    }

    /** The metadata profile: the same video source, and the metadata configuration. */
    MediaProfile metadataProfile() {
        return new MediaProfile(metadataProfileToken(), camera.name() + " metadata", Optional.empty(), Optional.of(metadata()));
    }

    MetadataSettings metadata() {
        return new MetadataSettings(metadataToken(), sourceToken, sourceToken, resolution());
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
