package io.vigil.api.face;

/** The bytes given as a photo are not a whole image in a supported format; the message says what is wrong. */
public class UnreadableImageException extends FaceAnalysisException {
    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String message) {
        super(message);
    }
}
