package io.vigil.api.media;

/** A stream could not be served or received; the message says why in an administrator's words. */
public class MediaException extends Exception {

    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
