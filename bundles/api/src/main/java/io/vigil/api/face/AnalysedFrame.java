package io.vigil.api.face;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every face tracked in one analysed frame of a camera, an empty list when there was none.
 *
 * @param cameraId    the camera
 * @param captureTime the frame's capture time
 * @param frameWidth  the frame's width in pixels, so boxes can be normalised
 * @param frameHeight the frame's height in pixels
 * @param faces       the faces, in the detector's order
 */
public record AnalysedFrame(String cameraId, Instant captureTime, int frameWidth, int frameHeight, List<TrackedFace> faces) {

    public AnalysedFrame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(captureTime, "captureTime");
        faces = List.copyOf(faces);
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + frameWidth + "x" + frameHeight);
        }
    }
}
