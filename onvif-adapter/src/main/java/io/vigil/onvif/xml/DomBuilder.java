package io.vigil.onvif.xml;

import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Builds a namespace-aware DOM from SAX events while counting depth and elements, so a document
 * over a limit stops the parse at the element that crosses it rather than after the whole tree
 * was built. Namespace declarations are kept as {@code xmlns} attributes so that QName values in
 * text (a SOAP fault's {@code ter:NotAuthorized}) can be resolved with
 * {@link Node#lookupNamespaceURI(String)}. Comments and processing instructions are dropped.
 */
final class DomBuilder extends DefaultHandler {

    /** Stops the parse; the real reason is in {@link #failure()}. */
    static final class Stop extends SAXException {
        private static final long serialVersionUID = 1L;

        Stop(String message) {
            super(message);
        }
    }

    private final Document document;
    private final XmlLimits limits;
    private final List<String[]> pendingNamespaces = new ArrayList<>();
    private Node current;
    private int depth;
    private int elements;
    private boolean rootStarted;
    private XmlException failure;

    DomBuilder(Document document, XmlLimits limits) {
        this.document = document;
        this.limits = limits;
        this.current = document;
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        pendingNamespaces.add(new String[] {prefix, uri});
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        rootStarted = true;
        depth++;
        elements++;
        if (depth > limits.maxDepth()) {
            throw stop(new XmlLimitExceededException(XmlLimitExceededException.Limit.DEPTH,
                    "XML refused: elements nested deeper than " + limits.maxDepth() + " levels"));
        }
        if (elements > limits.maxElements()) {
            throw stop(new XmlLimitExceededException(XmlLimitExceededException.Limit.ELEMENTS,
                    "XML refused: more than " + limits.maxElements() + " elements"));
        }
        try {
            Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
            for (String[] declaration : pendingNamespaces) {
                String name = declaration[0].isEmpty() ? XMLConstants.XMLNS_ATTRIBUTE : XMLConstants.XMLNS_ATTRIBUTE + ":" + declaration[0];
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, declaration[1]);
            }
            pendingNamespaces.clear();
            for (int i = 0; i < attributes.getLength(); i++) {
                String attributeUri = attributes.getURI(i);
                element.setAttributeNS(attributeUri.isEmpty() ? null : attributeUri, attributes.getQName(i), attributes.getValue(i));
            }
            current.appendChild(element);
            current = element;
        } catch (DOMException e) {
            throw stop(new MalformedXmlException("malformed XML: element " + SafeText.excerpt(qName, 80)
                    + " cannot be represented (" + SafeText.excerpt(e.getMessage(), 80) + ")", e));
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        depth--;
        current = current.getParentNode();
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (!(current instanceof Element)) {
            return; // whitespace outside the root element
        }
        Node last = current.getLastChild();
        if (last instanceof Text text) {
            text.appendData(new String(ch, start, length));
        } else {
            current.appendChild(document.createTextNode(new String(ch, start, length)));
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        characters(ch, start, length);
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
        // never reached while DOCTYPEs are refused; a second lock on the same door
        throw stop(new ForbiddenXmlException("XML refused: it refers to an external entity, which is never fetched", null));
    }

    @Override
    public void warning(SAXParseException e) {
        // nothing a warning changes
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        // recoverable errors are still errors in a message from the network
        throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        throw e;
    }

    boolean rootStarted() {
        return rootStarted;
    }

    XmlException failure() {
        return failure;
    }

    private Stop stop(XmlException reason) {
        failure = reason;
        return new Stop(reason.getMessage());
    }
}
