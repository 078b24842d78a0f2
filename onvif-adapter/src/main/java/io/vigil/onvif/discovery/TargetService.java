package io.vigil.onvif.discovery;

import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * What a device says about itself in a ProbeMatch or a Hello (WS-Discovery's "target service").
 *
 * @param endpointReference its stable identity, {@code urn:uuid:...} in ONVIF (Core, "Endpoint reference")
 * @param types             the port types it implements ({@code dn:NetworkVideoTransmitter}, {@code tds:Device})
 * @param scopes            its scope URIs ({@code onvif://www.onvif.org/name/...})
 * @param xaddrs            where its device service answers
 * @param metadataVersion   grows whenever types, scopes or addresses change
 */
public record TargetService(String endpointReference, List<QName> types, List<String> scopes, List<URI> xaddrs,
        long metadataVersion) {

    public TargetService {
        Objects.requireNonNull(endpointReference, "endpointReference");
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
        xaddrs = List.copyOf(xaddrs);
        if (metadataVersion < 0) {
            throw new IllegalArgumentException("MetadataVersion is unsigned: " + metadataVersion);
        }
    }

    /** The body's children in the schema's order: EndpointReference, Types, Scopes, XAddrs, MetadataVersion. */
    void writeContent(XMLStreamWriter out) throws XMLStreamException {
        writeEndpointReference(out, endpointReference);
        if (!types.isEmpty()) {
            QNameList.write(out, WsDiscovery.d("Types"), types);
        }
        if (!scopes.isEmpty()) {
            XmlOutput.textElement(out, WsDiscovery.d("Scopes"), String.join(" ", scopes));
        }
        if (!xaddrs.isEmpty()) {
            XmlOutput.textElement(out, WsDiscovery.d("XAddrs"), String.join(" ", xaddrs.stream().map(URI::toString).toList()));
        }
        XmlOutput.textElement(out, WsDiscovery.d("MetadataVersion"), Long.toString(metadataVersion));
    }

    static void writeEndpointReference(XMLStreamWriter out, String address) throws XMLStreamException {
        XmlOutput.startElement(out, WsDiscovery.wsa("EndpointReference"));
        XmlOutput.textElement(out, WsDiscovery.wsa("Address"), address);
        out.writeEndElement();
    }

    /** The target service described by the children of {@code parent} (a ProbeMatch, a Hello). */
    static TargetService read(Element parent) throws SoapMessageException {
        String address = readEndpointReference(parent);
        List<QName> types = Dom.child(parent, WsDiscovery.D, "Types").map(QNameList::read).orElse(List.of());
        List<String> scopes = Dom.child(parent, WsDiscovery.D, "Scopes").map(QNameList::tokens).orElse(List.of());
        List<URI> xaddrs = Dom.child(parent, WsDiscovery.D, "XAddrs").map(TargetService::httpAddresses).orElse(List.of());
        long version = Dom.child(parent, WsDiscovery.D, "MetadataVersion").map(TargetService::unsigned).orElse(0L);
        return new TargetService(address, types, scopes, xaddrs, version);
    }

    static String readEndpointReference(Element parent) throws SoapMessageException {
        String address = Dom.child(parent, WsDiscovery.WSA, "EndpointReference")
                .flatMap(reference -> Dom.child(reference, WsDiscovery.WSA, "Address"))
                .map(Dom::text).orElse("");
        if (address.isEmpty()) {
            throw new SoapMessageException("WS-Discovery message without wsa:EndpointReference/wsa:Address");
        }
        return address;
    }

    /**
     * The http and https URIs of an XAddrs list. Anything else (a {@code file:} URI, garbage) is
     * left out: Vigil only ever connects to a device service over HTTP, and a discovery datagram
     * must not be able to point it elsewhere.
     */
    private static List<URI> httpAddresses(Element xaddrs) {
        List<URI> addresses = new ArrayList<>();
        for (String token : QNameList.tokens(xaddrs)) {
            try {
                URI uri = new URI(token);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    addresses.add(uri);
                }
            } catch (java.net.URISyntaxException e) {
                // one bad address does not spoil the others
            }
        }
        return addresses;
    }

    /** MetadataVersion is an xs:unsignedInt; a value that is not one reads as 0 rather than failing the device. */
    private static long unsigned(Element version) {
        try {
            long value = Long.parseLong(Dom.text(version));
            return value < 0 || value > 0xFFFF_FFFFL ? 0 : value;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
