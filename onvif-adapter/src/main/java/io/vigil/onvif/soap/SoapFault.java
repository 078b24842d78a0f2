package io.vigil.onvif.soap;

import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * A SOAP 1.2 fault as ONVIF uses it (Core specification, "SOAP errors"): a code
 * ({@code env:Sender}, {@code env:Receiver}, ...), ONVIF subcodes ({@code ter:NotAuthorized},
 * {@code ter:ActionNotSupported}, ...) outermost first, and the reason text. Read from a received
 * Body and written by Vigil's device side.
 *
 * @param code     the fault code, in the SOAP 1.2 namespace when the sender declared it properly
 * @param subcodes nested subcodes, outermost first; possibly empty
 * @param reason   the reason text (cleaned and shortened when read from the network)
 */
public record SoapFault(QName code, List<QName> subcodes, String reason) implements XmlWritable, Serializable {

    private static final long serialVersionUID = 1L;

    public static final QName SENDER = Namespaces.soap("Sender");
    public static final QName RECEIVER = Namespaces.soap("Receiver");
    public static final QName MUST_UNDERSTAND = Namespaces.soap("MustUnderstand");
    public static final QName VERSION_MISMATCH = Namespaces.soap("VersionMismatch");
    public static final QName DATA_ENCODING_UNKNOWN = Namespaces.soap("DataEncodingUnknown");

    /** Longest reason kept from a received fault. */
    static final int MAX_REASON = 300;

    public SoapFault {
        Objects.requireNonNull(code, "code");
        subcodes = List.copyOf(subcodes);
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code env:Sender} with one subcode, as ONVIF's generic faults are written. */
    public static SoapFault sender(QName subcode, String reason) {
        return new SoapFault(SENDER, List.of(subcode), reason);
    }

    /** {@code env:Receiver} with one subcode. */
    public static SoapFault receiver(QName subcode, String reason) {
        return new SoapFault(RECEIVER, List.of(subcode), reason);
    }

    /**
     * Whether the code is the SOAP 1.2 code {@code localName}. A code whose prefix the sender did
     * not declare is matched by its local name alone.
     */
    public boolean codeIs(String localName) {
        return matches(code, Namespaces.SOAP, localName);
    }

    /**
     * Whether any subcode is {@code {namespace}localName}. A subcode whose prefix the sender did
     * not declare (some cameras write {@code ter:NotAuthorized} without declaring {@code ter}) is
     * matched by its local name alone.
     */
    public boolean hasSubcode(String namespace, String localName) {
        return subcodes.stream().anyMatch(subcode -> matches(subcode, namespace, localName));
    }

    /** {@code s:Sender / ter:NotAuthorized}: the codes as the fault wrote them. */
    public String codes() {
        List<QName> all = new ArrayList<>();
        all.add(code);
        all.addAll(subcodes);
        return all.stream().map(SoapFault::prefixed).collect(Collectors.joining(" / "));
    }

    @Override
    public String toString() {
        return "SoapFault[" + codes() + ": " + reason + "]";
    }

    /**
     * The fault in a received {@code s:Fault} element.
     *
     * @throws SoapMessageException when it has no {@code Code/Value}
     */
    public static SoapFault read(Element fault) throws SoapMessageException {
        Element code = Dom.child(fault, Namespaces.SOAP, "Code")
                .orElseThrow(() -> new SoapMessageException("SOAP Fault without a Code"));
        QName value = value(code);
        List<QName> subcodes = new ArrayList<>();
        Optional<Element> subcode = Dom.child(code, Namespaces.SOAP, "Subcode");
        while (subcode.isPresent()) {
            subcodes.add(value(subcode.get()));
            subcode = Dom.child(subcode.get(), Namespaces.SOAP, "Subcode");
        }
        return new SoapFault(value, subcodes, reason(fault));
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.soap("Fault"));
        XmlOutput.startElement(out, Namespaces.soap("Code"));
        writeValue(out, code);
        for (QName subcode : subcodes) {
            XmlOutput.startElement(out, Namespaces.soap("Subcode"));
            writeValue(out, subcode);
        }
        for (int i = 0; i < subcodes.size(); i++) {
            out.writeEndElement();
        }
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.soap("Reason"));
        XmlOutput.startElement(out, Namespaces.soap("Text"));
        out.writeAttribute(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI, "lang", "en");
        XmlOutput.characters(out, reason);
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
    }

    private static void writeValue(XMLStreamWriter out, QName value) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.soap("Value"));
        XmlOutput.qnameText(out, value);
        out.writeEndElement();
    }

    private static QName value(Element codeOrSubcode) throws SoapMessageException {
        Element value = Dom.child(codeOrSubcode, Namespaces.SOAP, "Value").orElseThrow(
                () -> new SoapMessageException("SOAP Fault " + codeOrSubcode.getLocalName() + " without a Value"));
        QName name = Dom.qnameValue(value);
        if (name.getLocalPart().isEmpty()) {
            throw new SoapMessageException("SOAP Fault " + codeOrSubcode.getLocalName() + " with an empty Value");
        }
        return name;
    }

    /** The first Reason/Text in English, else the first Reason/Text, else empty. */
    private static String reason(Element fault) {
        List<Element> texts = Dom.child(fault, Namespaces.SOAP, "Reason")
                .map(reason -> Dom.children(reason, Namespaces.SOAP, "Text"))
                .orElse(List.of());
        Element chosen = texts.stream()
                .filter(text -> text.getAttributeNS(XMLConstants.XML_NS_URI, "lang").toLowerCase().startsWith("en"))
                .findFirst()
                .orElse(texts.isEmpty() ? null : texts.get(0));
        return chosen == null ? "" : SafeText.excerpt(chosen.getTextContent(), MAX_REASON);
    }

    private static boolean matches(QName name, String namespace, String localName) {
        return localName.equals(name.getLocalPart())
                && (namespace.equals(name.getNamespaceURI()) || name.getNamespaceURI().isEmpty());
    }

    private static String prefixed(QName name) {
        String local = SafeText.excerpt(name.getLocalPart(), 60);
        return name.getPrefix().isEmpty() ? local : SafeText.excerpt(name.getPrefix(), 20) + ":" + local;
    }
}
