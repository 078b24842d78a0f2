package io.vigil.inference.internal;

import io.vigil.api.face.FaceQuality;
import io.vigil.api.face.QualityRejection;
import java.util.Optional;

/**
 * Decides which faces are worth embedding and ranks those that are. Limits come from the
 * component's configuration; the checks run cheapest first.
 *
 * @param minFaceSize     shorter side in image pixels
 * @param minScore        detector confidence
 * @param minSharpness    variance of the Laplacian of the aligned face
 * @param maxYawDegrees   head turn
 * @param maxPitchDegrees head tilt
 */
record QualityGate(int minFaceSize, float minScore, float minSharpness, float maxYawDegrees, float maxPitchDegrees) {

    Optional<QualityRejection> judge(FaceQuality q) {
        if (q.sizePixels() < minFaceSize) {
            return Optional.of(QualityRejection.TOO_SMALL);
        }
        if (q.detectorScore() < minScore) {
            return Optional.of(QualityRejection.LOW_SCORE);
        }
        if (Math.abs(q.yawDegrees()) > maxYawDegrees || Math.abs(q.pitchDegrees()) > maxPitchDegrees) {
            return Optional.of(QualityRejection.POSE);
        }
        if (q.sharpness() < minSharpness) {
            return Optional.of(QualityRejection.BLURRED);
        }
        return Optional.empty();
    }

    /** One figure in 0..1: confidence, size up to twice the minimum, sharpness up to twice the minimum, frontality. */
    float score(float detectorScore, int size, float sharpness, float yaw, float pitch) {
        double sizeFactor = Math.min(1.0, size / (2.0 * Math.max(1, minFaceSize)));
        double sharpFactor = Math.min(1.0, sharpness / (2.0 * Math.max(1e-3, minSharpness)));
        double poseFactor = Math.max(0, Math.cos(Math.toRadians(yaw))) * Math.max(0, Math.cos(Math.toRadians(pitch)));
        return (float) (detectorScore * sizeFactor * sharpFactor * poseFactor);
    }
}
