package io.vigil.onvif.xml;

/**
 * A document Vigil refuses to use: not well-formed, hostile, over a limit, or not the message
 * expected. The message says what was wrong and never quotes more than a short, cleaned excerpt
 * of the document.
 */
public abstract class XmlException extends Exception {

    private static final long serialVersionUID = 1L;

    protected XmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
