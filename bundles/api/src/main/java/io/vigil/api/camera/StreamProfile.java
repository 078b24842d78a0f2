package io.vigil.api.camera;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The camera stream Vigil analyses.
 *
 * @param profileToken the ONVIF media profile token
 * @param streamUri    the RTSP URI the camera returned for it, without credentials; empty until resolved
 * @param encoding     video encoding as the camera reports it (H264, H265, ...)
 * @param width        frame width in pixels, 0 when not known yet
 * @param height       frame height in pixels, 0 when not known yet
 */
public record StreamProfile(String profileToken, Optional<URI> streamUri, String encoding, int width, int height) {

    public StreamProfile {
        Objects.requireNonNull(profileToken, "profileToken");
        Objects.requireNonNull(streamUri, "streamUri");
        Objects.requireNonNull(encoding, "encoding");
    }
}
