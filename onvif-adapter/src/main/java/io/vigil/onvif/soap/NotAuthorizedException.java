package io.vigil.onvif.soap;

/**
 * The device refused the credentials, or the user lacks the rights for the operation: fault
 * {@code ter:NotAuthorized} (or a WS-Security authentication fault), HTTP 401 after Vigil answered
 * the device's Digest challenge, HTTP 401 with no credentials to offer, or HTTP 403.
 */
public final class NotAuthorizedException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public NotAuthorizedException(String message, SoapFault fault) {
        super(message, fault, null);
    }
}
