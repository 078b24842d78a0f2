package io.vigil.onvif.soap;

/**
 * The network failed the exchange: the connection could not be made ({@link UnreachableException}),
 * the device did not answer in time ({@link TimeoutException}), or the connection broke during
 * the exchange (this class itself).
 */
public class TransportException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public TransportException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
