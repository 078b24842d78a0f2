package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;

/** One configured camera as the registry sees it; each {@link CameraComponent} registers one. */
public interface CameraHandle {

    Camera camera();
}
