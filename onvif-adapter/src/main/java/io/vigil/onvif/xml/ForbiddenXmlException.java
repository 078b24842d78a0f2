package io.vigil.onvif.xml;

/**
 * XML that uses a feature Vigil never accepts from the network: a DOCTYPE (and with it entity
 * declarations, external entities and external DTDs). SOAP 1.2 forbids a DOCTYPE in a message
 * (SOAP 1.2 Part 1, 5), so no honest camera sends one.
 */
public final class ForbiddenXmlException extends XmlException {

    private static final long serialVersionUID = 1L;

    public ForbiddenXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
