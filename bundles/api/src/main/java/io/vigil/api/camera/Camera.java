package io.vigil.api.camera;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A camera Vigil watches.
 *
 * @param id            Vigil's own stable id for the camera
 * @param name          human-readable name, as the VMS shows it
 * @param onvifAddress  the camera's ONVIF device service address
 * @param vmsCameraId   the id the VMS uses for this camera, so alerts can be tied to it; may be empty
 * @param location      where the camera is, in words an operator understands
 * @param signage       whether the public is told that facial recognition is in use here
 * @param streamProfile which of the camera's streams Vigil analyses
 * @param state         what Vigil currently knows of the camera
 */
public record Camera(
        String id,
        String name,
        URI onvifAddress,
        Optional<String> vmsCameraId,
        String location,
        SignageStatus signage,
        StreamProfile streamProfile,
        CameraState state) {

    public Camera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onvifAddress, "onvifAddress");
        Objects.requireNonNull(vmsCameraId, "vmsCameraId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(signage, "signage");
        Objects.requireNonNull(streamProfile, "streamProfile");
        Objects.requireNonNull(state, "state");
    }
}
