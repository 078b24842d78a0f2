package io.vigil.api.face;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one analysed frame of a camera offers recognition. Held in memory only.
 *
 * @param cameraId    the camera
 * @param captureTime the frame's capture time
 * @param faces       the faces to match: those embedded in this frame, and live tracks' best faces
 *                    offered again at their place in this frame; each with the frame around it
 * @param endedTracks ids of this camera's tracks that ended (they never come back), so what
 *                    recognition keeps per track can go
 */
public record FaceObservations(String cameraId, Instant captureTime, List<ObservedFace> faces, List<Long> endedTracks) {

    public FaceObservations {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(captureTime, "captureTime");
        faces = List.copyOf(faces);
        endedTracks = List.copyOf(endedTracks);
    }
}
