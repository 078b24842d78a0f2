package io.vigil.api.face;

/** The face models cannot run; the message names the file and the fix. */
public class FaceAnalysisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FaceAnalysisException(String message) {
        super(message);
    }

    public FaceAnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
