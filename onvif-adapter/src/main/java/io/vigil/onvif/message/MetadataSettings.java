package io.vigil.onvif.message;

import java.util.Objects;

/**
 * The metadata of a media profile: its metadata configuration and the video source whose
 * analytics and events it streams.
 *
 * @param configurationToken       the profile's metadata configuration
 * @param sourceToken              the physical video source it describes
 * @param sourceConfigurationToken the profile's video source configuration
 * @param sourceBounds             that configuration's Bounds
 */
public record MetadataSettings(String configurationToken, String sourceToken, String sourceConfigurationToken,
        Resolution sourceBounds) {

    public MetadataSettings {
        Objects.requireNonNull(configurationToken, "configurationToken");
        Objects.requireNonNull(sourceToken, "sourceToken");
        Objects.requireNonNull(sourceConfigurationToken, "sourceConfigurationToken");
        Objects.requireNonNull(sourceBounds, "sourceBounds");
    }
}
