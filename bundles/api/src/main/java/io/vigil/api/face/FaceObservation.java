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
 * @param epoch       the epoch of the frame the face was seen in ({@code io.vigil.api.media.Frame#epoch()}):
 *                    on a cluster member, the ownership of the camera the work started under;
 *                    {@code Frame.NO_EPOCH} (-1) on a single node
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
        int frameHeight,
        long epoch) {

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

    /** A single node's observation: no cluster epoch (-1). */
    public FaceObservation(String cameraId, Instant captureTime, long trackId, BoundingBox box, FaceLandmarks landmarks,
            FaceQuality quality, FaceEmbedding embedding, int frameWidth, int frameHeight) {
        this(cameraId, captureTime, trackId, box, landmarks, quality, embedding, frameWidth, frameHeight, -1);
    }
}
