package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;

/** One configured camera as the registry sees it; each {@link CameraComponent} registers one. */
public interface CameraHandle {

    Camera camera();

    /** The camera announced itself (WS-Discovery Hello): if it has failed, it is tried again now. Returns at once. */
    void saidHello();

    /**
     * A WS-Discovery Bye named the camera. Anyone on the network can send one, so it never marks
     * the camera failed by itself: the camera is checked again over ONVIF with its credentials
     * (at most once a minute), and that check or its stream decides. Returns at once.
     */
    void saidBye();
}
