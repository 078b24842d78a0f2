package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code d:Types}: a white-space separated list of QNames whose prefixes must be declared where
 * the list is, and resolved there when read (never compared as prefixed text: {@code dn:} in one
 * camera's message is {@code ns1:} in another's).
 */
final class QNameList {

    private QNameList() {
    }

    /** {@code <name>p1:a p2:b</name>}, declaring on the element each prefix that is not yet bound to its namespace. */
    static void write(XMLStreamWriter out, QName name, List<QName> values) throws XMLStreamException {
        XmlOutput.startElement(out, name);
        Map<String, String> declared = new HashMap<>();
        List<String> tokens = new ArrayList<>();
        for (QName value : values) {
            String prefix = value.getPrefix();
            String namespace = value.getNamespaceURI();
            String bound = declared.containsKey(prefix) ? declared.get(prefix) : out.getNamespaceContext().getNamespaceURI(prefix);
            if (prefix.isEmpty() || (bound != null && !bound.isEmpty() && !bound.equals(namespace))) {
                prefix = "t" + declared.size(); // a free prefix for a value written without one, or with a clashing one
            }
            if (!namespace.equals(declared.get(prefix)) && !namespace.equals(out.getNamespaceContext().getNamespaceURI(prefix))) {
                out.writeNamespace(prefix, namespace);
                declared.put(prefix, namespace);
            }
            tokens.add(prefix + ":" + value.getLocalPart());
        }
        XmlOutput.characters(out, String.join(" ", tokens));
        out.writeEndElement();
    }

    /**
     * The QNames in the element's text, each prefix resolved at the element. A token with an
     * undeclared prefix keeps an empty namespace, so it matches nothing a device offers.
     */
    static List<QName> read(Element element) {
        List<QName> names = new ArrayList<>();
        for (String token : Dom.text(element).split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int colon = token.indexOf(':');
            String prefix = colon < 0 ? XMLConstants.DEFAULT_NS_PREFIX : token.substring(0, colon);
            String local = token.substring(colon + 1);
            String namespace = element.lookupNamespaceURI(prefix.isEmpty() ? null : prefix);
            names.add(new QName(namespace == null ? XMLConstants.NULL_NS_URI : namespace, local, prefix));
        }
        return names;
    }

    /** A white-space separated list of plain tokens (Scopes, XAddrs). */
    static List<String> tokens(Element element) {
        List<String> tokens = new ArrayList<>();
        for (String token : Dom.text(element).split("\\s+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
