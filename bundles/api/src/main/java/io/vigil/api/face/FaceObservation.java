package io.vigil.api.face;

import java.time.Instant;
import java.util.Objects;

/**
 * One face seen in one frame. Held in memory only: observations that match nothing are never
 * written anywhere.
 *
 * @param cameraId    the camera
 * @param captureTime the frame's capture time
 * @param trackId     the same person across consecutive frames of one camera
 * @param box         where the face is, in frame pixels
 * @param landmarks   its five alignment points
 * @param quality     how usable it is
 * @param embedding   its template
 * @param frameWidth  the frame's width in pixels, so the box can be normalised
 * @param frameHeight the frame's height in pixels
 */
public record FaceObservation(
        String cameraId,
        Instant captureTime,
        long trackId,
        BoundingBox box,
        FaceLandmarks landmarks,
        FaceQuality quality,
        FaceEmbedding embedding,
        int frameWidth,
        int frameHeight) {

    public FaceObservation {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(embedding, "embedding");
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + frameWidth + "x" + frameHeight);
        }
    }
}
