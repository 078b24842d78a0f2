package io.vigil.onvif.soap;

import io.vigil.onvif.xml.Dom;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A received SOAP 1.2 message, checked for shape by {@link SoapReader}: its header blocks, the
 * one element of its Body (if any) and, when that element is {@code s:Fault}, the fault.
 *
 * <p>The DOM belongs to this message alone; readers must not change it.
 */
public final class ReceivedEnvelope {

    private final Document document;
    private final List<Element> headers;
    private final Element body;
    private final SoapFault fault;

    ReceivedEnvelope(Document document, List<Element> headers, Element body, SoapFault fault) {
        this.document = document;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.fault = fault;
    }

    public Document document() {
        return document;
    }

    /** Header blocks in document order. */
    public List<Element> headers() {
        return headers;
    }

    /** Every header block {@code {namespace}localName}. */
    public List<Element> headers(String namespace, String localName) {
        return headers.stream().filter(header -> Dom.is(header, namespace, localName)).toList();
    }

    /** The first header block {@code {namespace}localName}. */
    public Optional<Element> header(String namespace, String localName) {
        return headers.stream().filter(header -> Dom.is(header, namespace, localName)).findFirst();
    }

    /** The text of the first header block {@code {namespace}localName}. */
    public Optional<String> headerText(String namespace, String localName) {
        return header(namespace, localName).map(Dom::text);
    }

    /** The Body's element; empty for an empty Body. */
    public Optional<Element> body() {
        return Optional.ofNullable(body);
    }

    /** The fault, when the Body holds {@code s:Fault}. */
    public Optional<SoapFault> fault() {
        return Optional.ofNullable(fault);
    }

    /**
     * The Body's element, which must be {@code {namespace}localName}: how a typed response is
     * found (never by searching for a name ending in "Response").
     *
     * @throws SoapMessageException the Body is empty or holds another element
     */
    public Element requireBody(String namespace, String localName) throws SoapMessageException {
        if (body == null) {
            throw new SoapMessageException("empty SOAP Body where {" + namespace + "}" + localName + " was expected");
        }
        if (!Dom.is(body, namespace, localName)) {
            throw new SoapMessageException("SOAP Body holds " + Dom.describe(body) + " where {" + namespace + "}"
                    + localName + " was expected");
        }
        return body;
    }

    @Override
    public String toString() {
        return "ReceivedEnvelope[headers=" + headers.stream().map(Element::getLocalName).toList()
                + ", body=" + (body == null ? "empty" : Dom.describe(body)) + (fault == null ? "" : ", " + fault) + "]";
    }
}
