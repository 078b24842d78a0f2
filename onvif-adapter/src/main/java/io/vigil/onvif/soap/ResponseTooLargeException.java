package io.vigil.onvif.soap;

/** The response was larger than the limit; reading stopped at the limit (or before, on its Content-Length). */
public final class ResponseTooLargeException extends InvalidResponseException {

    private static final long serialVersionUID = 1L;

    public ResponseTooLargeException(String message) {
        super(message, null);
    }
}
