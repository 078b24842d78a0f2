package io.vigil.onvif.xml;

/** Not well-formed XML: truncated, not XML at all, or bytes that do not match the declared encoding. */
public final class MalformedXmlException extends XmlException {

    private static final long serialVersionUID = 1L;

    public MalformedXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
