package io.vigil.api.face;

import java.util.Objects;

/** The five points faces are aligned on: eyes, nose tip, mouth corners (as the person sees them: left is image right). */
public record FaceLandmarks(Point leftEye, Point rightEye, Point nose, Point mouthLeft, Point mouthRight) {

    public FaceLandmarks {
        Objects.requireNonNull(leftEye, "leftEye");
        Objects.requireNonNull(rightEye, "rightEye");
        Objects.requireNonNull(nose, "nose");
        Objects.requireNonNull(mouthLeft, "mouthLeft");
        Objects.requireNonNull(mouthRight, "mouthRight");
    }
}
