package io.vigil.onvif.soap;

/**
 * The device answered with something Vigil cannot use: not XML, hostile XML (a DOCTYPE, external
 * entities), over a size or depth limit, not a SOAP 1.2 envelope, an empty Body, or an unexpected
 * HTTP status. The cause, when there is one, is the parser's typed exception.
 */
public class InvalidResponseException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public InvalidResponseException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
