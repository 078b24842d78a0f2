package io.vigil.onvif.internal.device;

import java.net.URI;
import java.util.List;

/**
 * What Vigil's ONVIF device serves of each watched camera, for {@code vigil cameras --metadata}:
 * a service of this bundle only (its package is private).
 */
public interface VigilStreams {

    /**
     * One camera's streams as the VMS plays them.
     *
     * @param metadataProfile the media profile whose stream URI is {@code metadata}
     * @param mounted         whether the metadata stream is being served now
     * @param sent            documents sent on it
     * @param dropped         documents dropped because it could not keep up
     * @param videoMounted    whether the restream ({@code video}) is being served now
     * @param videoProblem    why it cannot play, when the camera streams but its restream is refused
     */
    record CameraStreams(String cameraId, URI video, URI metadata, String metadataProfile, boolean mounted, long sent,
            long dropped, boolean videoMounted, java.util.Optional<String> videoProblem) {
    }

    List<CameraStreams> streams();

    /** Why streams are not mounted, or how many are. */
    String state();
}
