package io.vigil.onvif.soap;

/**
 * Connected, but the device's complete answer (headers and body) did not arrive within the
 * request timeout: a hung device, or one that drips its answer.
 */
public final class TimeoutException extends TransportException {

    private static final long serialVersionUID = 1L;

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
