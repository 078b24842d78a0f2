package io.vigil.onvif.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A media profile as both media services describe it (Media1 {@code tt:Profile}, Media2
 * {@code tr2:MediaProfile}), reduced to what choosing a stream needs.
 *
 * @param token the profile token, which GetStreamUri takes
 * @param name  the profile's name
 * @param video    its video source and encoder, if it has both
 * @param metadata its metadata configuration and the video source it describes, if it has one
 */
public record MediaProfile(String token, String name, Optional<VideoSettings> video, Optional<MetadataSettings> metadata) {

    public MediaProfile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A profile without metadata. */
    public MediaProfile(String token, String name, Optional<VideoSettings> video) {
        this(token, name, video, Optional.empty());
    }
}
