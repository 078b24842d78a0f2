package io.vigil.api.alert;

import java.util.Objects;

/**
 * What a reviewer needs to judge a recognition: the face as the camera saw it and the frame region
 * around it, JPEG-encoded in memory. Made only for matches; the alert store encrypts both.
 *
 * @param faceCrop    the face box with a margin
 * @param frameRegion a wider region of the frame around the face
 */
public record RecognitionEvidence(byte[] faceCrop, byte[] frameRegion) {
    public RecognitionEvidence {
        Objects.requireNonNull(faceCrop, "faceCrop");
        Objects.requireNonNull(frameRegion, "frameRegion");
    }
}
