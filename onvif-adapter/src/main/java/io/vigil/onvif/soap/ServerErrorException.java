package io.vigil.onvif.soap;

/**
 * The device failed to carry out a valid request: an {@code env:Receiver} fault other than
 * {@code ter:ActionNotSupported}, a fault with a code SOAP 1.2 does not define, or an HTTP 5xx
 * without a fault.
 */
public final class ServerErrorException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public ServerErrorException(String message, SoapFault fault) {
        super(message, fault, null);
    }
}
