package io.vigil.onvif.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writing XML with the JDK's {@link XMLStreamWriter}: it escapes markup characters; these helpers
 * add what it leaves out. A namespace is declared on the element that first needs it (using the
 * {@link QName}'s prefix), and text or attribute values with characters XML 1.0 cannot carry are
 * refused instead of producing a document no one can parse.
 */
public final class XmlOutput {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private XmlOutput() {
    }

    /** The document {@code root} writes, UTF-8 with an XML declaration. */
    public static byte[] toBytes(XmlWritable root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter writer;
            synchronized (FACTORY) {
                writer = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            }
            writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            root.writeTo(writer);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Starts {@code name}, declaring its namespace there unless its prefix is already bound to it. */
    public static void startElement(XMLStreamWriter out, QName name) throws XMLStreamException {
        String prefix = name.getPrefix();
        String namespace = name.getNamespaceURI();
        String bound = out.getNamespaceContext().getNamespaceURI(prefix);
        out.writeStartElement(prefix, name.getLocalPart(), namespace);
        if (!namespace.equals(bound == null ? "" : bound)) {
            if (prefix.isEmpty()) {
                out.writeDefaultNamespace(namespace);
            } else {
                out.writeNamespace(prefix, namespace);
            }
        }
    }

    /** {@code <name>text</name>} */
    public static void textElement(XMLStreamWriter out, QName name, String text) throws XMLStreamException {
        startElement(out, name);
        characters(out, text);
        out.writeEndElement();
    }

    /** {@code <name/>} (as a start and an end tag). */
    public static void emptyElement(XMLStreamWriter out, QName name) throws XMLStreamException {
        startElement(out, name);
        out.writeEndElement();
    }

    public static void characters(XMLStreamWriter out, String text) throws XMLStreamException {
        out.writeCharacters(requireXmlText(text));
    }

    /** An unqualified attribute. */
    public static void attribute(XMLStreamWriter out, String localName, String value) throws XMLStreamException {
        out.writeAttribute(localName, requireXmlText(value));
    }

    /** A qualified attribute, declaring its prefix on the current element if needed. */
    public static void attribute(XMLStreamWriter out, QName name, String value) throws XMLStreamException {
        bindPrefix(out, name.getPrefix(), name.getNamespaceURI());
        out.writeAttribute(name.getPrefix(), name.getNamespaceURI(), name.getLocalPart(), requireXmlText(value));
    }

    /**
     * A QName as element text ({@code ter:NotAuthorized}), declaring its prefix on the current
     * element if needed. Call right after the element's start.
     */
    public static void qnameText(XMLStreamWriter out, QName value) throws XMLStreamException {
        bindPrefix(out, value.getPrefix(), value.getNamespaceURI());
        String prefix = value.getPrefix();
        characters(out, prefix.isEmpty() ? value.getLocalPart() : prefix + ":" + value.getLocalPart());
    }

    /**
     * The text unchanged if XML 1.0 can carry every character of it.
     *
     * @throws IllegalArgumentException with the position of the first character it cannot carry
     */
    public static String requireXmlText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!allowed) {
                throw new IllegalArgumentException("text contains a character XML cannot carry (U+"
                        + String.format("%04X", (int) c) + " at position " + i + ")");
            }
        }
        return text;
    }

    private static void bindPrefix(XMLStreamWriter out, String prefix, String namespace) throws XMLStreamException {
        if (prefix.isEmpty() || XMLConstants.XML_NS_PREFIX.equals(prefix)) {
            return;
        }
        if (!namespace.equals(out.getNamespaceContext().getNamespaceURI(prefix))) {
            out.writeNamespace(prefix, namespace);
        }
    }
}
