package io.vigil.api.face;

/**
 * How usable a face is for recognition.
 *
 * @param detectorScore the detector's confidence, 0..1
 * @param sharpness     variance of the Laplacian of the aligned face; higher is sharper
 * @param yawDegrees    head turn estimated from the landmarks
 * @param pitchDegrees  head tilt estimated from the landmarks
 * @param sizePixels    the face's shorter side in frame pixels
 * @param score         all of the above in one figure, 0..1, to rank faces of one person
 */
public record FaceQuality(float detectorScore, float sharpness, float yawDegrees, float pitchDegrees, int sizePixels,
                          float score) {
}
