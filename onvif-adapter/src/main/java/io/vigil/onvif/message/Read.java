package io.vigil.onvif.message;

import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.w3c.dom.Element;

/** Reading required and optional values of a received message, failing with what was missing where. */
final class Read {

    private Read() {
    }

    static Element child(Element parent, String namespace, String localName) throws SoapMessageException {
        return Dom.child(parent, namespace, localName).orElseThrow(() -> new SoapMessageException(
                Dom.describe(parent) + " has no " + localName + " element"));
    }

    static String text(Element parent, String namespace, String localName) throws SoapMessageException {
        return Dom.text(child(parent, namespace, localName));
    }

    static Optional<String> optionalText(Element parent, String namespace, String localName) {
        return Dom.child(parent, namespace, localName).map(Dom::text);
    }

    static int integer(Element parent, String namespace, String localName) throws SoapMessageException {
        String text = text(parent, namespace, localName);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SoapMessageException(Dom.describe(parent) + "/" + localName + " is not an integer: '"
                    + SafeText.excerpt(text, 40) + "'");
        }
    }

    static boolean bool(String text) {
        return "true".equals(text) || "1".equals(text);
    }

    static String attribute(Element element, String name) throws SoapMessageException {
        String value = element.getAttribute(name);
        if (value.isEmpty()) {
            throw new SoapMessageException(Dom.describe(element) + " has no " + name + " attribute");
        }
        return value;
    }

    static URI uri(Element parent, String namespace, String localName) throws SoapMessageException {
        String text = text(parent, namespace, localName);
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new SoapMessageException(Dom.describe(parent) + "/" + localName + " is not a URI: '"
                    + SafeText.excerpt(text, 120) + "'");
        }
    }
}
