package io.vigil.onvif.message;

import java.util.Objects;

/**
 * The video of a media profile: which source it shows and how it is encoded.
 *
 * @param sourceToken                the physical video source
 * @param sourceConfigurationToken   the video source configuration of the profile
 * @param sourceBounds               the part of the source the configuration takes (its Bounds)
 * @param encoderConfigurationToken  the video encoder configuration of the profile
 * @param encoding                   as the device names it: {@code H264}, {@code H265}, {@code JPEG}, ...
 * @param resolution                 the encoded size
 */
public record VideoSettings(String sourceToken, String sourceConfigurationToken, Resolution sourceBounds,
        String encoderConfigurationToken, String encoding, Resolution resolution) {

    public VideoSettings {
        Objects.requireNonNull(sourceToken, "sourceToken");
        Objects.requireNonNull(sourceConfigurationToken, "sourceConfigurationToken");
        Objects.requireNonNull(sourceBounds, "sourceBounds");
        Objects.requireNonNull(encoderConfigurationToken, "encoderConfigurationToken");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(resolution, "resolution");
    }
}
