package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;

/** One configured camera as the registry sees it; each {@link CameraComponent} registers one. */
public interface CameraHandle {

    Camera camera();

    /** The camera announced itself (WS-Discovery Hello): if it has failed, it is tried again now. Returns at once. */
    void saidHello();

    /** The camera said it leaves the network (WS-Discovery Bye): it is marked failed with that reason. Returns at once. */
    void saidBye();
}
