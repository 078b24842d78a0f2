package io.vigil.onvif.soap;

/**
 * The device refused the request as wrong: any other {@code env:Sender} fault (invalid argument,
 * operation prohibited, ...), {@code env:MustUnderstand} (a header block it does not implement,
 * such as WS-Security on a device without it), {@code env:VersionMismatch}, or an HTTP 4xx
 * without a fault.
 */
public final class BadRequestException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message, SoapFault fault) {
        super(message, fault, null);
    }
}
