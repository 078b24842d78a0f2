package io.vigil.api.face;

/** Why a face was not embedded. */
public enum QualityRejection {
    /** Its shorter side is under the configured minimum. */
    TOO_SMALL,
    /** The detector is not sure enough it is a face. */
    LOW_SCORE,
    /** Too blurred (motion, focus, compression) to recognise. */
    BLURRED,
    /** Turned or tilted too far from the camera. */
    POSE
}
