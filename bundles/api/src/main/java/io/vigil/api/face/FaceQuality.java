package io.vigil.api.face;

/**
 * How usable a face is for recognition.
 *
 * @param detectorScore the detector's confidence, 0..1
 * @param sharpness     higher is sharper; comparable between faces of one model only
 * @param yawDegrees    head turn estimated from the landmarks
 * @param pitchDegrees  head tilt estimated from the landmarks
 * @param sizePixels    the face's shorter side in frame pixels
 */
public record FaceQuality(float detectorScore, float sharpness, float yawDegrees, float pitchDegrees, int sizePixels) {
}
