package io.vigil.onvif.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading a parsed DOM by namespace and local name, never by prefix or by searching text. */
public final class Dom {

    private Dom() {
    }

    /** Whether {@code element} is {@code {namespace}localName}. */
    public static boolean is(Element element, String namespace, String localName) {
        return localName.equals(element.getLocalName()) && namespace.equals(namespaceOf(element));
    }

    public static String namespaceOf(Node node) {
        String namespace = node.getNamespaceURI();
        return namespace == null ? XMLConstants.NULL_NS_URI : namespace;
    }

    /** The element's name as {@code {namespace}localName}, shortened for messages. */
    public static String describe(Element element) {
        String namespace = namespaceOf(element);
        String name = namespace.isEmpty() ? element.getLocalName() : "{" + namespace + "}" + element.getLocalName();
        return SafeText.excerpt(name, 160);
    }

    public static List<Element> childElements(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> children = new ArrayList<>();
        for (Element child : childElements(parent)) {
            if (is(child, namespace, localName)) {
                children.add(child);
            }
        }
        return children;
    }

    /** The first child {@code {namespace}localName}, if any. */
    public static Optional<Element> child(Element parent, String namespace, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && is(element, namespace, localName)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The element's text content without leading and trailing white space. */
    public static String text(Element element) {
        return element.getTextContent().strip();
    }

    /**
     * The element's text read as a QName ({@code ter:NotAuthorized}), its prefix resolved against
     * the namespaces in scope at the element. A prefix nobody declared (some cameras send
     * {@code ter:...} without declaring {@code ter}) gives a QName with an empty namespace and
     * that prefix, so a caller can still decide what to make of it.
     */
    public static QName qnameValue(Element element) {
        String text = text(element);
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? XMLConstants.DEFAULT_NS_PREFIX : text.substring(0, colon);
        String local = colon < 0 ? text : text.substring(colon + 1);
        String namespace = element.lookupNamespaceURI(prefix.isEmpty() ? null : prefix);
        return new QName(namespace == null ? XMLConstants.NULL_NS_URI : namespace, local, prefix);
    }
}
