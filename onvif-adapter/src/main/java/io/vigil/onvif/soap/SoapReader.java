package io.vigil.onvif.soap;

import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SecureXmlParser;
import io.vigil.onvif.xml.XmlException;
import io.vigil.onvif.xml.XmlLimits;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a SOAP 1.2 message through the {@link SecureXmlParser} and checks its shape: root
 * {@code s:Envelope}, at most one {@code s:Header}, exactly one {@code s:Body} with at most one
 * element. Everything is found by namespace and local name, so any prefix (or a default
 * namespace) works. A duplicated Header or Body, or two elements in the Body, is refused rather
 * than guessed at: which one a reader picks is exactly what message-smuggling attacks exploit.
 *
 * <p>Thread-safe.
 */
public final class SoapReader {

    private final SecureXmlParser parser;

    public SoapReader() {
        this(new SecureXmlParser());
    }

    public SoapReader(XmlLimits limits) {
        this(new SecureXmlParser(limits));
    }

    public SoapReader(SecureXmlParser parser) {
        this.parser = parser;
    }

    public XmlLimits limits() {
        return parser.limits();
    }

    /**
     * @throws XmlException the bytes are not acceptable XML ({@code MalformedXmlException},
     *                      {@code ForbiddenXmlException}, {@code XmlLimitExceededException}) or
     *                      not a SOAP 1.2 message ({@link SoapMessageException})
     */
    public ReceivedEnvelope read(byte[] message) throws XmlException {
        return envelope(parser.parse(message));
    }

    /** The SOAP message in a parsed document. */
    public static ReceivedEnvelope envelope(Document document) throws SoapMessageException {
        Element root = document.getDocumentElement();
        if (Dom.is(root, Namespaces.SOAP11, "Envelope")) {
            throw new SoapMessageException("SOAP 1.1 envelope; ONVIF uses SOAP 1.2 (" + Namespaces.SOAP + ")");
        }
        if (!Dom.is(root, Namespaces.SOAP, "Envelope")) {
            throw new SoapMessageException("not a SOAP 1.2 envelope: the root element is " + Dom.describe(root));
        }
        List<Element> headerElements = Dom.children(root, Namespaces.SOAP, "Header");
        List<Element> bodies = Dom.children(root, Namespaces.SOAP, "Body");
        if (headerElements.size() > 1) {
            throw new SoapMessageException("SOAP envelope with " + headerElements.size() + " Header elements");
        }
        if (bodies.size() != 1) {
            throw new SoapMessageException(bodies.isEmpty() ? "SOAP envelope without a Body"
                    : "SOAP envelope with " + bodies.size() + " Body elements");
        }
        List<Element> headers = headerElements.isEmpty() ? List.of() : Dom.childElements(headerElements.get(0));
        List<Element> content = Dom.childElements(bodies.get(0));
        if (content.size() > 1) {
            throw new SoapMessageException("SOAP Body with " + content.size() + " elements; one was expected");
        }
        Element body = content.isEmpty() ? null : content.get(0);
        SoapFault fault = body != null && Dom.is(body, Namespaces.SOAP, "Fault") ? SoapFault.read(body) : null;
        return new ReceivedEnvelope(document, headers, body, fault);
    }
}
