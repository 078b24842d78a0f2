package io.vigil.onvif.soap;

import io.vigil.onvif.xml.XmlException;

/** Well-formed XML that is not a usable SOAP 1.2 message: another root, no Body, two Bodies, a Fault without Code. */
public final class SoapMessageException extends XmlException {

    private static final long serialVersionUID = 1L;

    public SoapMessageException(String message) {
        super(message, null);
    }
}
