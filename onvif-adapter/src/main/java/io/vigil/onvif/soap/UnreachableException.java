package io.vigil.onvif.soap;

/**
 * No connection to the device: refused (nothing listens on the port), no route, an unknown host
 * name, or no connection within the connect timeout (a device that is off or filtered).
 */
public final class UnreachableException extends TransportException {

    private static final long serialVersionUID = 1L;

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
