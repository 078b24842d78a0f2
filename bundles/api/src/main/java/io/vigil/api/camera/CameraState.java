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

    /**
     * DISCOVERED: known (found, imported or added) but not yet reached; AUTHENTICATED: its
     * device service accepted Vigil's credentials; STREAM_RESOLVED: a profile and its RTSP URI
     * are chosen; STREAMING: ingest receives its frames; FAILED: the detail says why, and Vigil
     * retries with backoff; DISABLED: an administrator turned it off.
     */
    public enum Phase { DISCOVERED, AUTHENTICATED, STREAM_RESOLVED, STREAMING, FAILED, DISABLED }

    public CameraState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
    }
}
