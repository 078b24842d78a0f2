package io.vigil.api.cluster;

import java.util.Objects;

/**
 * A camera this node analyses, as the cluster assigned it.
 *
 * @param cameraId      the camera's id (the key of its record on the cluster's camera topic)
 * @param epoch         the fencing token of this ownership: Kafka's member epoch of this node when the camera's
 *                      partition was assigned to it. A camera lost and given back has a new epoch, so work
 *                      started under the old one can be refused ({@link CameraAssignment#owns(String, long)}).
 * @param configuration the camera's configuration as published (opaque text; the camera registry's format)
 */
public record OwnedCamera(String cameraId, long epoch, String configuration) {

    public OwnedCamera {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(configuration, "configuration");
    }
}
