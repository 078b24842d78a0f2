package io.vigil.api.camera;

import java.time.Instant;
import java.util.Objects;

/**
 * What Vigil currently knows of a camera.
 *
 * @param phase  where the camera is in its life cycle
 * @param detail why, in words for an administrator (the reason of a failure, for one); never a secret
 * @param since  when the camera entered this phase
 */
public record CameraState(Phase phase, String detail, Instant since) {

    public enum Phase { DISCOVERED, CONNECTING, STREAMING, FAILED, DISABLED }

    public CameraState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
    }
}
